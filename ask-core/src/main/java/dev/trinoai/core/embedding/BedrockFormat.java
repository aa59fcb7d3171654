package dev.trinoai.core.embedding;

import java.util.List;

/**
 * The request and response bodies of one Bedrock embedding model family: InvokeModel takes and returns the model's
 * own JSON, so each family speaks its own.
 */
sealed interface BedrockFormat
        permits CohereEmbedFormat, TitanEmbedFormat
{
    List<String> SUPPORTED_MODELS = List.of(CohereEmbedFormat.ENGLISH, CohereEmbedFormat.MULTILINGUAL, TitanEmbedFormat.MODEL);

    static BedrockFormat forModel(String modelId, int titanDimensions)
    {
        if (CohereEmbedFormat.ENGLISH.equals(modelId) || CohereEmbedFormat.MULTILINGUAL.equals(modelId)) {
            return new CohereEmbedFormat(modelId);
        }
        if (TitanEmbedFormat.MODEL.equals(modelId)) {
            return new TitanEmbedFormat(titanDimensions);
        }
        throw new EmbeddingException("Bedrock embedding model '%s' is not supported: use one of %s".formatted(modelId, String.join(", ", SUPPORTED_MODELS)));
    }

    String modelId();

    /**
     * The {@link EmbeddingModel#id()}: the model and every request setting that changes its vectors.
     */
    String id();

    int dimension();

    int textsPerRequest();

    byte[] request(List<String> texts, EmbeddingPurpose purpose);

    /**
     * The vectors of a response to a request of {@code texts} texts, as the model returned them.
     */
    List<float[]> vectors(byte[] response, int texts);
}
