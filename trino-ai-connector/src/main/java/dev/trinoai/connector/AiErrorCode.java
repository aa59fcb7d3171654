package dev.trinoai.connector;

import dev.trinoai.core.AskException;
import dev.trinoai.core.AskFailure;
import io.trino.spi.ErrorCode;
import io.trino.spi.ErrorCodeSupplier;
import io.trino.spi.ErrorType;
import io.trino.spi.TrinoException;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;

import static io.trino.spi.ErrorType.EXTERNAL;
import static io.trino.spi.ErrorType.INTERNAL_ERROR;
import static io.trino.spi.ErrorType.USER_ERROR;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;
import static java.lang.invoke.MethodType.methodType;

/**
 * The plugin's user-facing failures, for its table functions, its tables and the scalar functions of ask-udf it
 * serves (which fail with the engine's {@link AskException}, turned into these by {@link #failingAsTrinoExceptions}).
 *
 * <p>A failure of the plugin's own is written for the person who ran the query, so it reaches the client as its
 * message alone: no Java stack frames and no cause in Trino's {@code failureInfo}. What else the server knows (the
 * database's error, a file path) goes to the server log. An internal error keeps its cause, for the log and the bug
 * report.
 */
public enum AiErrorCode
        implements ErrorCodeSupplier
{
    AI_INVALID_QUESTION(0, USER_ERROR),
    AI_DATABASE_UNAVAILABLE(1, EXTERNAL),
    AI_DATABASE_NOT_READY(2, EXTERNAL),
    AI_TIMEOUT(3, EXTERNAL),
    AI_INTERNAL_ERROR(4, INTERNAL_ERROR),
    AI_ACCESS_DENIED(5, USER_ERROR),
    AI_TOO_MANY_QUESTIONS(6, USER_ERROR),
    /** A query over {@code ai.metrics} whose numbers the connector cannot compute as the metric at the query's grain. */
    AI_METRIC_NOT_COMPUTABLE(7, USER_ERROR),
    /** A reload of the semantic model found it wrong and kept the model served before. */
    AI_INVALID_MODEL(8, USER_ERROR);

    private static final System.Logger LOG = System.getLogger(AiErrorCode.class.getName());
    private static final MethodHandle TO_TRINO_EXCEPTION;

    static {
        try {
            TO_TRINO_EXCEPTION = MethodHandles.lookup().findStatic(AiErrorCode.class, "toTrinoException", methodType(TrinoException.class, RuntimeException.class));
        }
        catch (ReflectiveOperationException e) {
            throw new LinkageError(e.getMessage(), e);
        }
    }

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
        AiErrorCode code = of(e.failure());
        if (e.getCause() != null) {
            LOG.log(WARNING, "%s: %s".formatted(code, e.getMessage()), e);
        }
        return userFacing(code, e.getMessage());
    }

    public static AiErrorCode of(AskFailure failure)
    {
        return switch (failure) {
            case INVALID_QUESTION -> AI_INVALID_QUESTION;
            case DATABASE_UNAVAILABLE -> AI_DATABASE_UNAVAILABLE;
            case DATABASE_NOT_READY -> AI_DATABASE_NOT_READY;
            case TIMEOUT -> AI_TIMEOUT;
            case ACCESS_DENIED -> AI_ACCESS_DENIED;
            case TOO_MANY_QUESTIONS -> AI_TOO_MANY_QUESTIONS;
        };
    }

    /**
     * The code a failure of the question engine reaches the caller with, as {@link #toTrinoException(RuntimeException)}
     * gives it.
     */
    public static AiErrorCode of(RuntimeException e)
    {
        return switch (e) {
            case AskException askException -> of(askException.failure());
            case TrinoException trinoException -> Arrays.stream(values())
                    .filter(code -> code.errorCode.equals(trinoException.getErrorCode()))
                    .findFirst()
                    .orElse(AI_INTERNAL_ERROR);
            default -> AI_INTERNAL_ERROR;
        };
    }

    /**
     * Any failure of the question engine: the plugin's own as they are, anything else as an internal error whose
     * cause stays with it and in the server log.
     */
    public static TrinoException toTrinoException(RuntimeException e)
    {
        return switch (e) {
            case AskException askException -> toTrinoException(askException);
            case TrinoException trinoException -> trinoException;
            default -> {
                LOG.log(ERROR, "The question engine failed", e);
                yield new TrinoException(AI_INTERNAL_ERROR, "The question engine failed unexpectedly. The server log of the Trino worker has the details; please report it to your administrator.", e);
            }
        };
    }

    /**
     * {@code function} failing as {@link #toTrinoException(RuntimeException)} has it: what Trino calls directly, as
     * the method handle of a scalar function, reaches the caller with the plugin's code and message alone.
     */
    public static MethodHandle failingAsTrinoExceptions(MethodHandle function)
    {
        MethodHandle rethrow = MethodHandles.filterArguments(MethodHandles.throwException(function.type().returnType(), TrinoException.class), 0, TO_TRINO_EXCEPTION);
        return MethodHandles.catchException(function, RuntimeException.class, MethodHandles.dropArguments(rethrow, 1, function.type().parameterList()));
    }

    /**
     * A failure whose message is all the user needs: without a stack trace or cause, so the client shows the message
     * and no Java frames.
     */
    public static TrinoException userFacing(ErrorCodeSupplier code, String message)
    {
        TrinoException exception = new TrinoException(code, message);
        exception.setStackTrace(new StackTraceElement[0]);
        return exception;
    }
}
