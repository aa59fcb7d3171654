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
 * {@code eval/questions.yaml}: questions with the answers computed by hand-written SQL (see eval/README.md).
 */
public record EvalSet(@JsonProperty("as_of") String asOf, String dataset, List<EvalQuestion> questions)
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

    public record EvalQuestion(String id, String question, Kind kind, Expect expect)
    {
        public EvalQuestion
        {
            requireNonNull(id, "id is null");
            requireNonNull(question, "question is null");
            requireNonNull(kind, "kind is null");
        }
    }

    public EvalSet
    {
        requireNonNull(asOf, "as_of is null");
        questions = List.copyOf(questions);
    }

    /**
     * The "today" the expected answers were computed for.
     */
    public LocalDate referenceDate()
    {
        return LocalDate.parse(asOf);
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
