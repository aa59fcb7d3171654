package dev.trinoai.core.llm;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What the model is asked: standing instructions, the conversation so far (ending with the user's turn), and how
 * long its reply may be.
 */
public record LlmRequest(String system, List<LlmMessage> messages, int maxTokens)
{
    public LlmRequest
    {
        requireNonNull(system, "system is null");
        messages = List.copyOf(messages);
        if (messages.isEmpty() || messages.getLast().role() != LlmMessage.Role.USER) {
            throw new IllegalArgumentException("a request ends with the user's turn");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
    }
}
