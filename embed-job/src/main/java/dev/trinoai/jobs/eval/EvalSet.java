package dev.trinoai.jobs.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code eval/questions.yaml}: questions with the answers computed by hand-written SQL parameterised by the reference
 * date (see eval/README.md), and the reference dates the set is run at.
 */
public record EvalSet(List<String> dates, String dataset, List<EvalQuestion> questions)
{
    public enum Kind
    {
        @JsonProperty("numbers") NUMBERS,
        @JsonProperty("notice") NOTICE,
        @JsonProperty("narrative") NARRATIVE,
        @JsonProperty("both") BOTH;

        boolean expectsNumbers()
        {
            return this == NUMBERS || this == BOTH;
        }

        boolean expectsCitations()
        {
            return this == NARRATIVE || this == BOTH;
        }
    }

    public record Expect(String metric, String sql, @JsonProperty("citations_sql") String citationsSql) {}

    /**
     * @param family the intent several phrasings share
     * @param dates the reference dates the question is asked at, when not all of the set's (its answer is empty on
     *     the others)
     */
    public record EvalQuestion(String id, String family, String question, Kind kind, Expect expect, List<String> dates)
    {
        public EvalQuestion
        {
            requireNonNull(id, "id is null");
            requireNonNull(question, "question is null");
            requireNonNull(kind, "kind is null");
            dates = dates == null ? List.of() : List.copyOf(dates);
        }

        public boolean askedOn(LocalDate day)
        {
            return dates.isEmpty() || dates.contains(day.toString());
        }
    }

    public EvalSet
    {
        requireNonNull(dates, "dates is null");
        if (dates.isEmpty()) {
            throw new IllegalArgumentException("an evaluation set needs at least one reference date (dates: [...])");
        }
        dates = List.copyOf(dates);
        questions = List.copyOf(questions);
    }

    /**
     * The "todays" the expected answers are computed for.
     */
    public List<LocalDate> referenceDates()
    {
        return dates.stream().map(LocalDate::parse).toList();
    }

    /**
     * The questions asked on one reference date.
     */
    public EvalSet on(LocalDate day)
    {
        return new EvalSet(List.of(day.toString()), dataset, questions.stream().filter(question -> question.askedOn(day)).toList());
    }

    public static EvalSet load(Path file)
    {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return yaml.readValue(file.toFile(), EvalSet.class);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("cannot read the evaluation set %s: %s".formatted(file, e.getMessage()), e);
        }
    }
}
