package dev.trinoai.jobs.ingest;

/**
 * A source mapping that cannot be used; the message names the file and the problem.
 */
public final class MappingException
        extends IllegalArgumentException
{
    public MappingException(String message)
    {
        super(message);
    }

    public MappingException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
