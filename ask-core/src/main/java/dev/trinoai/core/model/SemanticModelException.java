package dev.trinoai.core.model;

/**
 * The semantic model file is wrong; the message names the file, the line and the problem.
 */
public final class SemanticModelException
        extends RuntimeException
{
    public SemanticModelException(String message)
    {
        super(message);
    }

    public SemanticModelException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
