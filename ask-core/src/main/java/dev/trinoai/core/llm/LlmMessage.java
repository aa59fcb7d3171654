package dev.trinoai.core.llm;

import static java.util.Objects.requireNonNull;

/**
 * One turn of a conversation with the model.
 */
public record LlmMessage(Role role, String text)
{
    public enum Role
    {
        USER, ASSISTANT
    }

    public LlmMessage
    {
        requireNonNull(role, "role is null");
        requireNonNull(text, "text is null");
    }

    public static LlmMessage user(String text)
    {
        return new LlmMessage(Role.USER, text);
    }

    public static LlmMessage assistant(String text)
    {
        return new LlmMessage(Role.ASSISTANT, text);
    }
}
