package dev.trinoai.core;

import static dev.trinoai.core.AskFailure.INVALID_QUESTION;
import static java.util.Objects.requireNonNull;

/**
 * A question as the engine accepts it: trimmed, not blank, and no longer than the configured limit.
 */
public record Question(String text)
{
    public Question
    {
        requireNonNull(text, "text is null");
    }

    public static Question parse(String raw, int maxLength)
    {
        if (raw == null || raw.isBlank()) {
            throw new AskException(INVALID_QUESTION, "The question is empty: ask something like 'Which programs are over budget this quarter, and why?'");
        }
        String text = raw.strip();
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            throw new AskException(INVALID_QUESTION, "The question has %,d characters; the limit is %,d (ai.ask.max-question-length). Shorten it to the question itself.".formatted(length, maxLength));
        }
        return new Question(text);
    }
}
