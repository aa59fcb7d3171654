package dev.trinoai.connector;

import com.google.inject.Inject;

import static java.util.Objects.requireNonNull;

/**
 * Where every question of the catalog starts being observed, whichever function asked it.
 */
public final class AskTelemetry
{
    private final AskStats stats;

    @Inject
    public AskTelemetry(AskStats stats)
    {
        this.stats = requireNonNull(stats, "stats is null");
    }

    /**
     * A question asked now, to be ended by its answer or its failure.
     */
    ObservedQuestion ask()
    {
        return new ObservedQuestion(stats);
    }

    /**
     * A question refused before it could be answered, while Trino analysed the query; returns the failure to throw.
     */
    <E extends RuntimeException> E refused(E failure)
    {
        ask().failed(failure);
        return failure;
    }
}
