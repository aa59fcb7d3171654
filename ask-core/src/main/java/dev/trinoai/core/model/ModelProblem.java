package dev.trinoai.core.model;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a semantic model, where it is: the file, the line, and what to fix.
 */
public record ModelProblem(String file, int line, String message)
{
    public ModelProblem
    {
        requireNonNull(file, "file is null");
        requireNonNull(message, "message is null");
    }

    /**
     * As the loader words its own problems, so every problem of a model reads alike wherever it was found.
     */
    @Override
    public String toString()
    {
        return "%s: line %d: %s".formatted(file, line, message);
    }
}
