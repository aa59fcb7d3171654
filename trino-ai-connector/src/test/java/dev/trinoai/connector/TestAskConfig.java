package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import io.airlift.units.Duration;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static java.util.concurrent.TimeUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.util.concurrent.TimeUnit.SECONDS;

final class TestAskConfig
{
    @Test
    void defaults()
    {
        assertRecordedDefaults(recordDefaults(AskConfig.class)
                .setMaxQuestionLength(2000)
                .setTimeout(new Duration(2, MINUTES))
                .setIdleTimeout(new Duration(30, SECONDS))
                .setMaxConcurrentQuestions(8)
                .setStatementTimeout(new Duration(30, SECONDS))
                .setMaxRows(1000)
                .setCitations(5)
                .setVerifiedSimilarity(0.75)
                .setReferenceDate(null));
    }

    @Test
    void explicitPropertyMappings()
    {
        Map<String, String> properties = ImmutableMap.<String, String>builder()
                .put("ai.ask.max-question-length", "500")
                .put("ai.ask.timeout", "45s")
                .put("ai.ask.idle-timeout", "10s")
                .put("ai.ask.max-concurrent-questions", "2")
                .put("ai.ask.statement-timeout", "5s")
                .put("ai.ask.max-rows", "50")
                .put("ai.ask.citations", "3")
                .put("ai.ask.verified-similarity", "0.9")
                .put("ai.ask.reference-date", "2026-11-25")
                .buildOrThrow();

        assertFullMapping(properties, new AskConfig()
                .setMaxQuestionLength(500)
                .setTimeout(new Duration(45, SECONDS))
                .setIdleTimeout(new Duration(10, SECONDS))
                .setMaxConcurrentQuestions(2)
                .setStatementTimeout(new Duration(5, SECONDS))
                .setMaxRows(50)
                .setCitations(3)
                .setVerifiedSimilarity(0.9)
                .setReferenceDate("2026-11-25"));
    }

    @Test
    void refusesAReferenceDateThatIsNotADate()
    {
        assertThatThrownBy(() -> new AskConfig().setReferenceDate("25/11/2026"))
                .hasMessageContaining("ai.ask.reference-date")
                .hasMessageContaining("YYYY-MM-DD");
    }
}
