package dev.trinoai.core.interpret;

import dev.trinoai.core.plan.TimeGrain;

/**
 * What a phrase of a question stands for.
 */
public sealed interface Term
{
    record MetricTerm(String metric) implements Term {}

    /** A dimension named by one of its synonyms: "team", "programs". */
    record DimensionTerm(String dimension) implements Term {}

    /** A value of a dimension: "Apollo", or "critical" for the incident severity SEV1. */
    record ValueTerm(String dimension, String value) implements Term {}

    record GrainTerm(TimeGrain grain) implements Term {}
}
