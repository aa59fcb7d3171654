package dev.trinoai.core;

import static java.util.Objects.requireNonNull;

/**
 * A failure with a message the person asking (or the operator) can act on. Messages never contain secrets.
 */
public final class AskException
        extends RuntimeException
{
    private final AskFailure failure;

    public AskException(AskFailure failure, String message)
    {
        this(failure, message, null);
    }

    public AskException(AskFailure failure, String message, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.failure = requireNonNull(failure, "failure is null");
    }

    public AskFailure failure()
    {
        return failure;
    }
}
