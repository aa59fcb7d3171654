package dev.trinoai.core.embedding;

/**
 * The embedding provider failed; the message says what to fix (model id, credentials, endpoint).
 */
public final class EmbeddingException
        extends RuntimeException
{
    public EmbeddingException(String message)
    {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
