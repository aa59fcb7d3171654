package dev.trinoai.jobs.ingest;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A flaw the data-quality report found in a source's staging rows. The rows are loaded all the same: a warning is for
 * the operator to check at the source.
 *
 * @param check {@code two_parents}, {@code far_off_peers}, {@code markup}, or {@code implausible_date}
 * @param subject the column or columns it is about
 * @param count how many values (keys, rows) have the flaw
 * @param examples a few of them, each with the file and line of its row
 */
public record QualityWarning(String source, String check, String subject, long count, List<String> examples)
{
    public QualityWarning
    {
        requireNonNull(source, "source is null");
        requireNonNull(check, "check is null");
        requireNonNull(subject, "subject is null");
        examples = List.copyOf(examples);
    }
}
