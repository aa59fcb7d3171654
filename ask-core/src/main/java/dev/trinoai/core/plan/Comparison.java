package dev.trinoai.core.plan;

import static java.util.Objects.requireNonNull;

/**
 * Keeps the groups whose value compares so with a threshold, e.g. {@code > 10} for "more than 10%".
 */
public record Comparison(String op, double value)
{
    public Comparison
    {
        requireNonNull(op, "op is null");
        if (!op.equals(">") && !op.equals("<") && !op.equals(">=") && !op.equals("<=")) {
            throw new IllegalArgumentException("comparison op must be one of >, <, >=, <=, not '%s'".formatted(op));
        }
    }
}
