package dev.trinoai.core.interpret;

import dev.trinoai.core.interpret.Term.DimensionTerm;
import dev.trinoai.core.interpret.Term.GrainTerm;
import dev.trinoai.core.interpret.Term.MetricTerm;
import dev.trinoai.core.interpret.Term.ValueTerm;
import dev.trinoai.core.model.Dimension;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.TextSource;
import dev.trinoai.core.plan.TimeGrain;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Every phrase the interpreter knows: the semantic model's synonyms and the dimensions' values as they are in the
 * data, read at start-up and on refresh.
 */
public final class Vocabulary
{
    /** Enough for names of programs, projects, teams and services; free-text columns are not dimensions. */
    private static final int MAX_VALUES_PER_DIMENSION = 5000;

    private static final Map<TimeGrain, List<String>> GRAIN_WORDS = Map.of(
            TimeGrain.DAY, List.of("day", "daily"),
            TimeGrain.WEEK, List.of("week", "weekly"),
            TimeGrain.SPRINT, List.of("sprint", "sprint by sprint"),
            TimeGrain.MONTH, List.of("month", "monthly"),
            TimeGrain.QUARTER, List.of("quarter", "quarterly", "qtr"),
            TimeGrain.FISCAL_QUARTER, List.of("fiscal quarter", "fiscal quarters", "fq"),
            TimeGrain.YEAR, List.of("year", "yearly", "annually", "annual"));

    private final PhraseIndex<Term> terms = new PhraseIndex<>();
    private final PhraseIndex<String> textSources = new PhraseIndex<>();
    private final Map<String, List<String>> values;

    private Vocabulary(SemanticModel model, Map<String, List<String>> values)
    {
        this.values = Map.copyOf(values);
        for (Metric metric : model.metrics().values()) {
            terms.add(metric.label(), new MetricTerm(metric.name()));
            metric.synonyms().forEach(synonym -> terms.add(synonym, new MetricTerm(metric.name())));
        }
        for (Dimension dimension : model.dimensions().values()) {
            dimension.synonyms().forEach(synonym -> terms.add(synonym, new DimensionTerm(dimension.name())));
            values.getOrDefault(dimension.name(), List.of()).forEach(value -> terms.add(value.replace('_', ' '), new ValueTerm(dimension.name(), value)));
            dimension.valueSynonyms().forEach((value, synonyms) -> synonyms.forEach(synonym -> terms.add(synonym, new ValueTerm(dimension.name(), value))));
        }
        GRAIN_WORDS.forEach((grain, words) -> words.forEach(word -> terms.add(word, new GrainTerm(grain))));
        for (TextSource source : model.textSources().values()) {
            textSources.add(source.name(), source.name());
            source.synonyms().forEach(synonym -> textSources.add(synonym, source.name()));
        }
    }

    public static Vocabulary of(SemanticModel model, Map<String, List<String>> values)
    {
        return new Vocabulary(requireNonNull(model, "model is null"), requireNonNull(values, "values is null"));
    }

    /**
     * Reads the values of every dimension from the star schema.
     */
    public static Vocabulary load(SemanticModel model, Connection connection)
            throws SQLException
    {
        Map<String, List<String>> values = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (Dimension dimension : model.dimensions().values()) {
                List<String> found = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("SELECT DISTINCT %s::text FROM %s.%s WHERE %s IS NOT NULL ORDER BY 1 LIMIT %d".formatted(
                        dimension.column(), model.schema(), dimension.table(), dimension.column(), MAX_VALUES_PER_DIMENSION))) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
                values.put(dimension.name(), List.copyOf(found));
            }
        }
        return new Vocabulary(model, values);
    }

    public PhraseIndex<Term> terms()
    {
        return terms;
    }

    public PhraseIndex<String> textSources()
    {
        return textSources;
    }

    public List<String> values(String dimension)
    {
        return values.getOrDefault(dimension, List.of());
    }
}
