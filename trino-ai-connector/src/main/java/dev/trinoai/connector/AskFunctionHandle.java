package dev.trinoai.connector;

import dev.trinoai.core.access.AccessScope;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What {@code analyze()} hands to the workers: the validated question and the conversation's earlier questions, the
 * session's reference date (YYYY-MM-DD) if it fixes one, and the rows the caller may see.
 */
public record AskFunctionHandle(String question, List<String> previous, String referenceDate, AccessScope access)
        implements AskTableFunctionHandle
{
    public AskFunctionHandle
    {
        requireNonNull(question, "question is null");
        previous = List.copyOf(previous);
        requireNonNull(access, "access is null");
    }

    public Optional<LocalDate> reference()
    {
        return Optional.ofNullable(referenceDate).map(LocalDate::parse);
    }

    /**
     * Without the question's words or the values the caller may see: Trino puts a handle's text in its own spans.
     */
    @Override
    public String toString()
    {
        return "AskFunctionHandle[question=%d characters, referenceDate=%s, access limited by %s]".formatted(question.length(), referenceDate, access.allowed().keySet());
    }
}
