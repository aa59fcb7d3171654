package dev.trinoai.core.embedding;

/**
 * Builds the model the settings name.
 */
public final class EmbeddingModels
{
    private EmbeddingModels() {}

    public static EmbeddingModel create(EmbeddingSettings settings)
    {
        return switch (settings.provider()) {
            case LOCAL -> LocalEmbeddingModel.load(settings.localThreads());
            case BEDROCK -> BedrockEmbeddingModel.create(settings);
        };
    }
}
