package dev.trinoai.proxy;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A question as Trino is asked it: its text, and for a follow-up the conversation's earlier questions, oldest first
 * (ask's {@code previous} argument).
 */
public record Question(String text, List<String> previous)
{
    /**
     * What {@code ai.system.ask} takes at most; a longer conversation passes its latest.
     */
    public static final int MAX_PREVIOUS = 10;

    public Question
    {
        requireNonNull(text, "text is null");
        previous = List.copyOf(previous);
        if (previous.size() > MAX_PREVIOUS) {
            throw new IllegalArgumentException("at most %d earlier questions, got %d".formatted(MAX_PREVIOUS, previous.size()));
        }
    }

    public static Question standalone(String text)
    {
        return new Question(text, List.of());
    }
}
