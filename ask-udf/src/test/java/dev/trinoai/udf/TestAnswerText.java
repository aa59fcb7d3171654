package dev.trinoai.udf;

import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.AskException;
import dev.trinoai.core.RowKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.trinoai.core.AskFailure.INVALID_QUESTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestAnswerText
{
    private static final AnswerRow APOLLO = number(1, "{\"program\":\"Apollo\"}", 12.5);
    private static final AnswerRow ZEUS = number(2, "{\"program\":\"Zeus\"}", 3.25);

    @Test
    void textIsTheAnswerThenItsCitations()
    {
        List<AnswerRow> rows = List.of(
                APOLLO,
                new AnswerRow(RowKind.CITATION, 1, "Vendor delay on the data platform\nThe vendor slipped two months.", null, null, null, "{}", "risk:R-0142", 0.8),
                new AnswerRow(RowKind.CITATION, 2, "x".repeat(100), null, null, null, "{}", "milestone:M-7", 0.5),
                answer(1, "Apollo is 12.5% over budget [1]."),
                answer(2, "What the records say: a vendor delay [1]; scope [2]."),
                new AnswerRow(RowKind.SQL, 1, "SELECT 1", null, null, null, null, null, null),
                suggestion(1, "and last quarter?"));
        assertThat(AnswerText.text(rows)).isEqualTo("""
                Apollo is 12.5% over budget [1].

                What the records say: a vendor delay [1]; scope [2].

                [1] Vendor delay on the data platform (risk:R-0142)
                [2] X… (milestone:M-7)""".replace("X", "x".repeat(79)));
    }

    @Test
    void aDeclinedQuestionIsAnsweredByItsNoticeAndTheQuestionsItSuggests()
    {
        assertThat(AnswerText.text(List.of(AnswerRow.notice(1, "I did not answer with numbers: Zeus is not a program."))))
                .isEqualTo("I did not answer with numbers: Zeus is not a program.");
        assertThat(AnswerText.text(List.of(AnswerRow.notice(1, "I did not answer with numbers: Zeus is not a program."), suggestion(1, "What is the MTTR by team this quarter?"), suggestion(2, "Which milestones are overdue?"))))
                .isEqualTo("""
                        I did not answer with numbers: Zeus is not a program.

                        You could ask: What is the MTTR by team this quarter? / Which milestones are overdue?""");
    }

    @Test
    void valueIsTheOneNumber()
    {
        assertThat(AnswerText.value("q", List.of(APOLLO, answer(1, "text"), suggestion(1, "and last quarter?")))).isEqualTo(12.5);
    }

    @Test
    void severalNumbersAreAnErrorThatSuggestsAFilter()
    {
        assertThatThrownBy(() -> AnswerText.value("budget variance % by program", List.of(APOLLO, ZEUS)))
                .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(INVALID_QUESTION))
                .hasMessageContaining("gave 2 ({\"program\":\"Apollo\"} 12.5, {\"program\":\"Zeus\"} 3.25)")
                .hasMessageContaining("Add a filter");
    }

    @Test
    void noNumberIsAnErrorThatSaysWhy()
    {
        assertThatThrownBy(() -> AnswerText.value("median MTTR of Zeus", List.of(AnswerRow.notice(1, "I did not answer with numbers: Zeus is not a program."), suggestion(1, "What is the MTTR by team this quarter?"))))
                .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(INVALID_QUESTION))
                .hasMessage("ask_value needs one number, and \"median MTTR of Zeus\" gave none. I did not answer with numbers: Zeus is not a program. You could ask: What is the MTTR by team this quarter?");
    }

    private static AnswerRow number(int seq, String dimensions, double value)
    {
        return new AnswerRow(RowKind.NUMBER, seq, null, "budget_variance_pct", value, "%", dimensions, null, null);
    }

    private static AnswerRow suggestion(int seq, String text)
    {
        return new AnswerRow(RowKind.SUGGESTION, seq, text, null, null, null, null, null, null);
    }

    private static AnswerRow answer(int seq, String text)
    {
        return new AnswerRow(RowKind.ANSWER, seq, text, null, null, null, null, null, null);
    }
}
