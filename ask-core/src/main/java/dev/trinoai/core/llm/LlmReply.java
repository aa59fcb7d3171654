package dev.trinoai.core.llm;

import static java.util.Objects.requireNonNull;

public record LlmReply(String text, LlmUsage usage)
{
    public LlmReply
    {
        requireNonNull(text, "text is null");
        requireNonNull(usage, "usage is null");
    }
}
