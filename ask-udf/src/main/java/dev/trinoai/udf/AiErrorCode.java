package dev.trinoai.udf;

import dev.trinoai.core.AskException;
import io.trino.spi.ErrorCode;
import io.trino.spi.ErrorCodeSupplier;
import io.trino.spi.ErrorType;
import io.trino.spi.TrinoException;

import static io.trino.spi.ErrorType.EXTERNAL;
import static io.trino.spi.ErrorType.INTERNAL_ERROR;
import static io.trino.spi.ErrorType.USER_ERROR;

/**
 * The plugin's user-facing failures. They live here, beside the scalar functions that raise them on Trino's own
 * threads, because the connector depends on this module and not the other way round.
 */
public enum AiErrorCode
        implements ErrorCodeSupplier
{
    AI_INVALID_QUESTION(0, USER_ERROR),
    AI_DATABASE_UNAVAILABLE(1, EXTERNAL),
    AI_DATABASE_NOT_READY(2, EXTERNAL),
    AI_TIMEOUT(3, EXTERNAL),
    AI_INTERNAL_ERROR(4, INTERNAL_ERROR),
    AI_ACCESS_DENIED(5, USER_ERROR);

    private final ErrorCode errorCode;

    AiErrorCode(int code, ErrorType type)
    {
        errorCode = new ErrorCode(code + 0x0A1A_0000, name(), type);
    }

    @Override
    public ErrorCode toErrorCode()
    {
        return errorCode;
    }

    public static TrinoException toTrinoException(AskException e)
    {
        AiErrorCode code = switch (e.failure()) {
            case INVALID_QUESTION -> AI_INVALID_QUESTION;
            case DATABASE_UNAVAILABLE -> AI_DATABASE_UNAVAILABLE;
            case DATABASE_NOT_READY -> AI_DATABASE_NOT_READY;
            case TIMEOUT -> AI_TIMEOUT;
            case ACCESS_DENIED -> AI_ACCESS_DENIED;
        };
        return new TrinoException(code, e.getMessage(), e);
    }
}
