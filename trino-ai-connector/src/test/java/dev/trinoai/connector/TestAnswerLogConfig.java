package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import org.junit.jupiter.api.Test;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;

final class TestAnswerLogConfig
{
    @Test
    void defaults()
    {
        assertRecordedDefaults(recordDefaults(AnswerLogConfig.class)
                .setQuestionText(false));
    }

    @Test
    void explicitPropertyMappings()
    {
        assertFullMapping(
                ImmutableMap.of("ai.log.question-text", "true"),
                new AnswerLogConfig().setQuestionText(true));
    }
}
