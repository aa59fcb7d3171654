package dev.trinoai.core;

import static java.util.Objects.requireNonNull;

/**
 * One row of the {@code ask} row contract (see ARCHITECTURE.md). Columns that do not apply to a kind are null.
 */
public record AnswerRow(
        RowKind kind,
        int seq,
        String text,
        String metric,
        Double value,
        String unit,
        String dimensions,
        String source,
        Double score)
{
    public AnswerRow
    {
        requireNonNull(kind, "kind is null");
    }

    public static AnswerRow notice(int seq, String text)
    {
        return new AnswerRow(RowKind.NOTICE, seq, requireNonNull(text, "text is null"), null, null, null, null, null, null);
    }
}
