package dev.trinoai.core;

import org.junit.jupiter.api.Test;

import static dev.trinoai.core.AskFailure.INVALID_QUESTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestQuestion
{
    @Test
    void keepsTheQuestionWithoutSurroundingWhitespace()
    {
        assertThat(Question.parse("  Which programs are over budget?\n", 100).text())
                .isEqualTo("Which programs are over budget?");
    }

    @Test
    void refusesMissingEmptyAndBlankQuestions()
    {
        for (String raw : new String[] {null, "", "   ", "\t\n"}) {
            assertThatThrownBy(() -> Question.parse(raw, 100))
                    .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(INVALID_QUESTION))
                    .hasMessageStartingWith("The question is empty");
        }
    }

    @Test
    void countsCharactersNotUtf16UnitsAgainstTheLimit()
    {
        String fiveEmoji = "\uD83D\uDCC8".repeat(5);
        assertThat(Question.parse(fiveEmoji, 5).text()).isEqualTo(fiveEmoji);
        assertThatThrownBy(() -> Question.parse(fiveEmoji + "!", 5))
                .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(INVALID_QUESTION))
                .hasMessage("The question has 6 characters; the limit is 5 (ai.ask.max-question-length). Shorten it to the question itself.");
    }
}
