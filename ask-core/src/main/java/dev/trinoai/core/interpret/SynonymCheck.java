package dev.trinoai.core.interpret;

import dev.trinoai.core.model.Dimension;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.ModelProblem;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.TextSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the words of a semantic model that a question could not tell apart: a synonym two metrics share, one two
 * dimensions of the same table share, and a one-word synonym that reads as a plain English word ("DOE" is what the
 * interpreter makes of "does"), which would turn every question using that word into a question about it.
 */
public final class SynonymCheck
{
    private record Word(String phrase, String stems, String owner, int line) {}

    private SynonymCheck() {}

    public static List<ModelProblem> problems(SemanticModel model)
    {
        List<ModelProblem> problems = new ArrayList<>();
        Map<String, Word> metricWords = new LinkedHashMap<>();
        for (Metric metric : model.metrics().values()) {
            for (Word word : words(metric.synonyms(), "metric " + metric.name(), metric.line())) {
                Word earlier = metricWords.putIfAbsent(word.stems(), word);
                if (earlier != null && !earlier.owner().equals(word.owner())) {
                    problems.add(collision(model, word, earlier));
                }
            }
        }
        List<Dimension> dimensions = List.copyOf(model.dimensions().values());
        for (int i = 0; i < dimensions.size(); i++) {
            for (int j = 0; j < i; j++) {
                Dimension earlier = dimensions.get(j);
                Dimension later = dimensions.get(i);
                // a table reaching one of them decides which is meant, as "status" is the risk's or the milestone's
                if (!sliceTogether(model, earlier, later)) {
                    continue;
                }
                Map<String, Word> earlierWords = byStems(words(earlier.synonyms(), "dimension " + earlier.name(), earlier.line()));
                for (Word word : words(later.synonyms(), "dimension " + later.name(), later.line())) {
                    Optional.ofNullable(earlierWords.get(word.stems())).ifPresent(found -> problems.add(collision(model, word, found)));
                }
            }
        }
        everyWord(model).forEach(word -> plainEnglish(word).ifPresent(english -> problems.add(new ModelProblem(model.source(), word.line(),
                "the synonym '%s' of %s reads as the English word '%s' (the interpreter makes '%s' of both), so every question with '%s' in it would be about %s: drop it, or use a longer phrase"
                        .formatted(word.phrase(), word.owner(), english, word.stems(), english, word.owner())))));
        return List.copyOf(problems);
    }

    private static boolean sliceTogether(SemanticModel model, Dimension a, Dimension b)
    {
        Stream<String> tables = Stream.concat(model.metrics().values().stream().map(Metric::table), model.textSources().values().stream().map(TextSource::table));
        return tables.distinct().anyMatch(table -> model.reaches(table, a) && model.reaches(table, b));
    }

    private static ModelProblem collision(SemanticModel model, Word word, Word earlier)
    {
        return new ModelProblem(model.source(), word.line(), "the synonym '%s' of %s is also a synonym of %s (line %d): a question using it cannot tell them apart; keep it on one of them"
                .formatted(word.phrase(), word.owner(), earlier.owner(), earlier.line()));
    }

    private static Stream<Word> everyWord(SemanticModel model)
    {
        List<Word> words = new ArrayList<>();
        model.metrics().values().forEach(metric -> words.addAll(words(metric.synonyms(), "metric " + metric.name(), metric.line())));
        model.dimensions().values().forEach(dimension -> {
            words.addAll(words(dimension.synonyms(), "dimension " + dimension.name(), dimension.line()));
            dimension.valueSynonyms().forEach((value, synonyms) -> words.addAll(words(synonyms, "the %s value %s".formatted(dimension.name(), value), dimension.line())));
        });
        model.textSources().values().forEach(source -> words.addAll(words(source.synonyms(), "text source " + source.name(), source.line())));
        return words.stream();
    }

    /**
     * The English function word a one-word synonym is read as, if any: the same word, or one that stems to it.
     */
    private static Optional<String> plainEnglish(Word word)
    {
        if (word.stems().contains(" ")) {
            return Optional.empty();
        }
        Set<String> english = FunctionWords.mendable();
        return Stream.concat(english.stream(), FunctionWords.handling().stream())
                .filter(plain -> Words.stem(plain).equals(word.stems()))
                .sorted()
                .findFirst();
    }

    private static List<Word> words(List<String> synonyms, String owner, int line)
    {
        return synonyms.stream()
                .map(synonym -> new Word(synonym, String.join(" ", Words.stems(synonym)), owner, line))
                .filter(word -> !word.stems().isEmpty())
                .toList();
    }

    private static Map<String, Word> byStems(List<Word> words)
    {
        Map<String, Word> map = new LinkedHashMap<>();
        words.forEach(word -> map.putIfAbsent(word.stems(), word));
        return map;
    }
}
