package dev.trinoai.udf;

import com.google.common.collect.ImmutableMap;
import io.airlift.units.Duration;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static io.airlift.testing.ValidationAssertions.assertFailsValidation;
import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.MINUTES;
import static java.util.concurrent.TimeUnit.SECONDS;

final class TestAskUdfConfig
{
    @Test
    void defaults()
    {
        assertRecordedDefaults(recordDefaults(AskUdfConfig.class)
                .setCacheSize(1000)
                .setCacheTtl(new Duration(5, MINUTES))
                .setMaxQuestionsPerQuery(100));
    }

    @Test
    void everyPropertyMaps()
    {
        Map<String, String> properties = ImmutableMap.of(
                "ai.udf.cache-size", "0",
                "ai.udf.cache-ttl", "1h",
                "ai.udf.max-questions-per-query", "7");
        assertFullMapping(properties, new AskUdfConfig()
                .setCacheSize(0)
                .setCacheTtl(new Duration(1, HOURS))
                .setMaxQuestionsPerQuery(7));
    }

    @Test
    void limitsAreValidated()
    {
        assertFailsValidation(new AskUdfConfig().setCacheSize(-1), "cacheSize", "must be greater than or equal to 0", jakarta.validation.constraints.Min.class);
        assertFailsValidation(new AskUdfConfig().setMaxQuestionsPerQuery(0), "maxQuestionsPerQuery", "must be greater than or equal to 1", jakarta.validation.constraints.Min.class);
        assertFailsValidation(new AskUdfConfig().setCacheTtl(new Duration(10, MILLISECONDS)), "cacheTtl", "must be greater than or equal to 1s", io.airlift.units.MinDuration.class);
        assertFailsValidation(new AskUdfConfig().setCacheTtl(new Duration(2 * 86400, SECONDS)), "cacheTtl", "must be less than or equal to 1d", io.airlift.units.MaxDuration.class);
    }
}
