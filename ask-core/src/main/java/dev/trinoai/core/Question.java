package dev.trinoai.core;

import java.util.ArrayList;
import java.util.List;

import static dev.trinoai.core.AskFailure.INVALID_QUESTION;
import static java.util.Objects.requireNonNull;

/**
 * A question as the engine accepts it: trimmed, not blank, and no longer than the configured limit.
 *
 * @param previous the conversation's earlier questions, oldest first, which a follow-up ("and for Falcon?") is read
 *     against; the caller keeps the conversation, so the engine holds no state between questions
 */
public record Question(String text, List<String> previous)
{
    /**
     * Enough for a conversation's thread, and a bound on the work one call may ask for: every earlier question is read
     * again each time.
     */
    public static final int MAX_PREVIOUS = 10;

    public Question
    {
        requireNonNull(text, "text is null");
        previous = List.copyOf(previous);
    }

    public Question(String text)
    {
        this(text, List.of());
    }

    public static Question parse(String raw, int maxLength)
    {
        return parse(raw, List.of(), maxLength);
    }

    /**
     * @param previous the earlier questions, oldest first; each is held to the same limit as the question
     */
    public static Question parse(String raw, List<String> previous, int maxLength)
    {
        if (raw == null || raw.isBlank()) {
            throw new AskException(INVALID_QUESTION, "The question is empty: ask something like 'Which programs are over budget this quarter, and why?'");
        }
        String text = raw.strip();
        int length = length(text);
        if (length > maxLength) {
            throw new AskException(INVALID_QUESTION, "The question has %,d characters; the limit is %,d (ai.ask.max-question-length). Shorten it to the question itself.".formatted(length, maxLength));
        }
        if (previous.size() > MAX_PREVIOUS) {
            throw new AskException(INVALID_QUESTION, "previous has %d earlier questions; the limit is %d. Pass the last %d questions of the conversation, oldest first."
                    .formatted(previous.size(), MAX_PREVIOUS, MAX_PREVIOUS));
        }
        List<String> earlier = new ArrayList<>();
        for (int i = 0; i < previous.size(); i++) {
            String question = previous.get(i);
            if (question == null || question.isBlank()) {
                throw new AskException(INVALID_QUESTION, "Earlier question %d of %d in previous is empty: pass the questions that were asked, oldest first.".formatted(i + 1, previous.size()));
            }
            int earlierLength = length(question.strip());
            if (earlierLength > maxLength) {
                throw new AskException(INVALID_QUESTION, "Earlier question %d of %d in previous has %,d characters; the limit is %,d (ai.ask.max-question-length), as for the question."
                        .formatted(i + 1, previous.size(), earlierLength, maxLength));
            }
            earlier.add(question.strip());
        }
        return new Question(text, earlier);
    }

    private static int length(String text)
    {
        return text.codePointCount(0, text.length());
    }
}
