package dev.trinoai.core.retrieve.opensearch;

/**
 * OpenSearch refused a request or could not be reached; the message names the request and OpenSearch's reason.
 */
public final class OpenSearchException
        extends RuntimeException
{
    private final int status;

    public OpenSearchException(int status, String message)
    {
        super(message);
        this.status = status;
    }

    public OpenSearchException(String message, Throwable cause)
    {
        super(message, cause);
        this.status = 0;
    }

    /**
     * @return the HTTP status, 0 when no answer came
     */
    public int status()
    {
        return status;
    }
}
