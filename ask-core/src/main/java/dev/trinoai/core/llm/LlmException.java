package dev.trinoai.core.llm;

/**
 * A call to the model failed. Its message is shown to the user in a {@code notice}: it names what failed and what to
 * fix, and never carries a credential.
 */
public final class LlmException
        extends RuntimeException
{
    private final boolean retryable;

    public LlmException(String message, boolean retryable)
    {
        super(message);
        this.retryable = retryable;
    }

    public LlmException(String message, boolean retryable, Throwable cause)
    {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * Throttling, a server error or a dropped connection before any text arrived: the same call may succeed.
     */
    public boolean retryable()
    {
        return retryable;
    }
}
