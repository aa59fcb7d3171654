package dev.trinoai.core;

import java.util.Locale;

/**
 * The kinds of rows an answer is made of, in the order they are emitted.
 */
public enum RowKind
{
    NUMBER,
    CITATION,
    ANSWER,
    SQL,
    NOTICE,
    /** A question to ask next, answered when asked as a follow-up of the conversation; last, after everything else. */
    SUGGESTION;

    /**
     * The name used in the {@code kind} column, in the UI and in SSE event names.
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
