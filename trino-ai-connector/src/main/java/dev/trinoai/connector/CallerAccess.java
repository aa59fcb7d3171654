package dev.trinoai.connector;

import dev.trinoai.core.AskException;
import dev.trinoai.core.access.AccessRules;
import dev.trinoai.core.access.AccessScope;
import io.trino.spi.connector.ConnectorSession;

import static dev.trinoai.connector.AiErrorCode.toTrinoException;
import static java.util.Objects.requireNonNull;

/**
 * The rows the caller of a function may see, from the Trino session's identity: the user and groups Trino
 * authenticated, which for the chat page is the proxy's user.
 */
public final class CallerAccess
{
    private final AccessRules rules;

    public CallerAccess(AccessRules rules)
    {
        this.rules = requireNonNull(rules, "rules is null");
    }

    /**
     * @throws io.trino.spi.TrinoException {@link AiErrorCode#AI_ACCESS_DENIED} when no rule lets the caller see anything
     */
    public AccessScope of(ConnectorSession session)
    {
        try {
            return rules.scopeOf(session.getUser(), session.getIdentity().getGroups());
        }
        catch (AskException e) {
            throw toTrinoException(e);
        }
    }
}
