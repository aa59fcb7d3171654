package dev.trinoai.connector;

import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.plan.MetricQuery;

import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What {@code analyze()} of {@code ask_numbers} hands to the workers: the metric queries it read from the question,
 * the day its periods resolve against (YYYY-MM-DD), and the columns it promised. The workers compile and run the
 * queries; they do not read the question again, so the rows are those of the columns analysed. The question's text
 * goes along for the answer log only.
 */
public record AskNumbersFunctionHandle(String question, List<MetricQuery> queries, String asOf, List<NumbersColumn> columns, AccessScope access)
        implements AskTableFunctionHandle
{
    public AskNumbersFunctionHandle
    {
        requireNonNull(question, "question is null");
        queries = List.copyOf(queries);
        requireNonNull(asOf, "asOf is null");
        columns = List.copyOf(columns);
        requireNonNull(access, "access is null");
    }

    public LocalDate day()
    {
        return LocalDate.parse(asOf);
    }

    /**
     * Without the question's words or the values it filters by: Trino puts a handle's text in its own spans.
     */
    @Override
    public String toString()
    {
        return "AskNumbersFunctionHandle[question=%d characters, metrics=%s, asOf=%s, access limited by %s]".formatted(question.length(), queries.stream().map(MetricQuery::metric).toList(), asOf, access.allowed().keySet());
    }
}
