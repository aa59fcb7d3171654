package dev.trinoai.connector;

import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.session.PropertyMetadata;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static dev.trinoai.connector.AiErrorCode.userFacing;
import static io.trino.spi.StandardErrorCode.INVALID_SESSION_PROPERTY;
import static io.trino.spi.session.PropertyMetadata.stringProperty;

/**
 * {@code SET SESSION ai.reference_date = '2026-11-25'} fixes "today" for one session, so answers about "this quarter"
 * can be reproduced.
 */
public final class AiSessionProperties
{
    public static final String REFERENCE_DATE = "reference_date";

    private final List<PropertyMetadata<?>> properties = List.of(
            stringProperty(REFERENCE_DATE, "The date relative periods such as 'this quarter' resolve against (YYYY-MM-DD); empty for the catalog's ai.ask.reference-date or today", null, value -> referenceDate(value), false));

    public List<PropertyMetadata<?>> getSessionProperties()
    {
        return properties;
    }

    public static Optional<LocalDate> referenceDate(ConnectorSession session)
    {
        return referenceDate(session.getProperty(REFERENCE_DATE, String.class));
    }

    private static Optional<LocalDate> referenceDate(String value)
    {
        try {
            return ReferenceDates.parse(value, "the session property " + REFERENCE_DATE);
        }
        catch (IllegalArgumentException e) {
            throw userFacing(INVALID_SESSION_PROPERTY, e.getMessage());
        }
    }
}
