package dev.trinoai.core.interpret;

import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.interpret.Term.DimensionTerm;
import dev.trinoai.core.interpret.Term.GrainTerm;
import dev.trinoai.core.interpret.Term.MetricTerm;
import dev.trinoai.core.interpret.Term.ValueTerm;
import dev.trinoai.core.model.Dimension;
import dev.trinoai.core.model.Join;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.TextSource;
import dev.trinoai.core.plan.TimeGrain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Every phrase the interpreter knows: the semantic model's synonyms and the dimensions' values as they are in the
 * data, read at start-up and on refresh.
 */
public final class Vocabulary
{
    /** Enough for names of programs, projects, teams and services; free-text columns are not dimensions. */
    private static final int MAX_VALUES_PER_DIMENSION = 5000;

    // by the grains' order, as every map the phrases are read from keeps one: the things a phrase stands for, and so
    // the plans, must not change from one JVM to the next
    private static final Map<TimeGrain, List<String>> GRAIN_WORDS = new EnumMap<>(Map.of(
            TimeGrain.DAY, List.of("day", "daily"),
            TimeGrain.WEEK, List.of("week", "weekly"),
            TimeGrain.SPRINT, List.of("sprint", "sprint by sprint"),
            TimeGrain.MONTH, List.of("month", "monthly"),
            TimeGrain.QUARTER, List.of("quarter", "quarterly", "qtr"),
            TimeGrain.FISCAL_QUARTER, List.of("fiscal quarter", "fiscal quarters", "fq"),
            TimeGrain.YEAR, List.of("year", "yearly", "annually", "annual")));

    private final PhraseIndex<Term> terms = new PhraseIndex<>();
    private final PhraseIndex<String> textSources = new PhraseIndex<>();
    private final Map<String, List<String>> values;
    private final Set<String> words = new HashSet<>();

    private Vocabulary(SemanticModel model, Map<String, List<String>> values)
    {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
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
        // "milestones slipped" is "slipped milestones": a measure's two-word name said the other way round, where that
        // names nothing else
        for (Metric metric : model.metrics().values()) {
            for (String synonym : metric.synonyms()) {
                String[] pair = synonym.split(" ");
                String reversed = pair.length == 2 ? pair[1] + " " + pair[0] : null;
                if (reversed != null && !FunctionWords.contains(pair[0]) && !FunctionWords.contains(pair[1]) && !terms.knows(reversed)) {
                    terms.add(reversed, new MetricTerm(metric.name()));
                }
            }
        }
        for (TextSource source : model.textSources().values()) {
            textSources.add(source.name(), source.name());
            source.synonyms().forEach(synonym -> textSources.add(synonym, source.name()));
            source.synonyms().forEach(this::addWords);
        }
        model.metrics().values().forEach(metric -> {
            addWords(metric.label());
            metric.synonyms().forEach(this::addWords);
        });
        model.dimensions().values().forEach(dimension -> {
            dimension.synonyms().forEach(this::addWords);
            values.getOrDefault(dimension.name(), List.of()).forEach(this::addWords);
            dimension.valueSynonyms().values().forEach(synonyms -> synonyms.forEach(this::addWords));
        });
        GRAIN_WORDS.values().forEach(grainWords -> grainWords.forEach(this::addWords));
    }

    private void addWords(String phrase)
    {
        Words.tokens(Words.normalize(phrase.replace('_', ' '))).forEach(token -> words.add(token.text()));
    }

    /**
     * Every word of every phrase known, as typed: what a slip of the keyboard is mended to.
     */
    public Set<String> words()
    {
        return Collections.unmodifiableSet(words);
    }

    public static Vocabulary of(SemanticModel model, Map<String, List<String>> values)
    {
        return new Vocabulary(requireNonNull(model, "model is null"), requireNonNull(values, "values is null"));
    }

    /**
     * Reads the values of every dimension from the star schema, as far as the caller may see them: a user of one
     * program knows its projects and teams, and takes any other name for one the data does not hold, so "I know no
     * program named ..." tells them nothing. A dimension whose table does not join to a restricted one is not limited
     * by it.
     */
    public static Vocabulary load(SemanticModel model, Connection connection, AccessScope access)
            throws SQLException
    {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Dimension dimension : model.dimensions().values()) {
            Map<Dimension, List<String>> limits = new LinkedHashMap<>();
            access.allowed().forEach((name, allowed) -> {
                Dimension restricted = model.dimension(name).orElseThrow();
                if (model.reaches(dimension.table(), restricted)) {
                    limits.put(restricted, allowed);
                }
            });
            StringBuilder sql = new StringBuilder("SELECT DISTINCT %s::text FROM %s.%s AS %s".formatted(model.columnSql(dimension.table(), dimension), model.schema(), dimension.table(), SemanticModel.FACT_ALIAS));
            for (Join join : model.joinsFor(dimension.table(), List.copyOf(limits.keySet()))) {
                sql.append(' ').append(join.sql(model.schema()));
            }
            sql.append(" WHERE %s IS NOT NULL".formatted(model.columnSql(dimension.table(), dimension)));
            limits.keySet().forEach(restricted -> sql.append(" AND %s::text = ANY(?)".formatted(model.columnSql(dimension.table(), restricted))));
            sql.append(" ORDER BY 1 LIMIT ").append(MAX_VALUES_PER_DIMENSION);
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                int parameter = 1;
                for (List<String> allowed : limits.values()) {
                    statement.setArray(parameter++, connection.createArrayOf("text", allowed.toArray()));
                }
                List<String> found = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
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

    /**
     * Every other value of the dimension, or nothing when the data holds more of them than were read.
     */
    public Optional<List<String>> complement(String dimension, String value)
    {
        List<String> all = values(dimension);
        if (all.isEmpty() || all.size() >= MAX_VALUES_PER_DIMENSION) {
            return Optional.empty();
        }
        return Optional.of(all.stream().filter(other -> !other.equals(value)).toList());
    }
}
