package dev.trinoai.core;

import static java.util.Objects.requireNonNull;

/**
 * One row of the {@code ask} row contract (see ARCHITECTURE.md). Columns that do not apply to a kind are null.
 *
 * @param higherIsBetter for a {@code number} row, the metric's {@code higher_is_better} from the semantic model, so a
 *     chart can colour a bar better or worse; null for other kinds and for a metric that has no direction (a plan)
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
        Double score,
        Boolean higherIsBetter)
{
    public AnswerRow
    {
        requireNonNull(kind, "kind is null");
    }

    /**
     * A row of a kind that is no number, which has no direction.
     */
    public AnswerRow(RowKind kind, int seq, String text, String metric, Double value, String unit, String dimensions, String source, Double score)
    {
        this(kind, seq, text, metric, value, unit, dimensions, source, score, null);
    }

    public static AnswerRow notice(int seq, String text)
    {
        return new AnswerRow(RowKind.NOTICE, seq, requireNonNull(text, "text is null"), null, null, null, null, null, null);
    }
}
