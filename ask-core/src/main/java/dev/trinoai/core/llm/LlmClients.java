package dev.trinoai.core.llm;

import java.util.Optional;

/**
 * The catalog's model client, if it has one.
 */
public final class LlmClients
{
    private LlmClients() {}

    public static Optional<LlmClient> create(LlmSettings settings)
    {
        return switch (settings.provider()) {
            case NONE -> Optional.empty();
            case BEDROCK -> Optional.of(BedrockLlmClient.create(settings));
            case OPENAI -> Optional.of(OpenAiLlmClient.create(settings));
        };
    }
}
