package dev.trinoai.udf;

import com.google.common.base.Ticker;
import dev.trinoai.core.AskException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static dev.trinoai.core.AskFailure.TOO_MANY_QUESTIONS;
import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestQuestionsPerQuery
{
    private final AtomicLong nanos = new AtomicLong();
    private final QuestionsPerQuery questions = new QuestionsPerQuery(3, new Ticker()
    {
        @Override
        public long read()
        {
            return nanos.get();
        }
    });

    @Test
    void theSameQuestionOnEveryRowIsOneQuestion()
    {
        for (int row = 0; row < 10_000; row++) {
            questions.count("q1", "budget variance % for Apollo this quarter", "ai.system.ask_value");
        }
        questions.count("q1", "budget variance % for Juniper this quarter", "ai.system.ask_value");
        questions.count("q1", "budget variance % for Horizon this quarter", "ai.system.ask_value");
    }

    @Test
    void oneDifferentQuestionMoreThanTheLimitFailsNamingTheSetting()
    {
        for (String program : new String[] {"Apollo", "Juniper", "Horizon"}) {
            questions.count("q1", "spend for " + program, "ai.system.ask_value");
        }
        assertThatThrownBy(() -> questions.count("q1", "spend for Zeus", "ai.system.ask_value"))
                .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(TOO_MANY_QUESTIONS))
                .hasMessage("This query asks ai.system.ask_value more than 3 different questions, the limit of ai.udf.max-questions-per-query. " +
                        "Ask fewer: filter the rows first, ask one question for all of them with ai.system.ask_numbers, or ask your administrator to raise ai.udf.max-questions-per-query in the ai catalog file.");
        // the questions it has asked still are answered, as the rows that ask them do not fail
        assertThatCode(() -> questions.count("q1", "spend for Apollo", "ai.system.ask_value")).doesNotThrowAnyException();
    }

    @Test
    void eachQueryHasItsOwnCount()
    {
        for (int i = 0; i < 3; i++) {
            questions.count("q1", "question " + i, "ai.system.ask_text");
            questions.count("q2", "other question " + i, "ai.system.ask_text");
        }
        assertThatThrownBy(() -> questions.count("q2", "one more", "ai.system.ask_text")).hasMessageContaining("more than 3 different questions");
    }

    @Test
    void aQueryIsForgottenAnHourAfterItsFirstQuestion()
    {
        for (int i = 0; i < 3; i++) {
            questions.count("q1", "question " + i, "ai.system.ask_text");
        }
        nanos.addAndGet(MINUTES.toNanos(59));
        assertThatThrownBy(() -> questions.count("q1", "question 3", "ai.system.ask_text")).hasMessageContaining("more than 3");
        nanos.addAndGet(HOURS.toNanos(1));
        assertThatCode(() -> questions.count("q1", "question 3", "ai.system.ask_text")).doesNotThrowAnyException();
    }
}
