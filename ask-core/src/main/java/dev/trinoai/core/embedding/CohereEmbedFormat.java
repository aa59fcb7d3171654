package dev.trinoai.core.embedding;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Cohere Embed v3 on Bedrock: up to 96 texts a request, 1024 dimensions, and an input type that embeds stored
 * documents and search queries differently.
 */
record CohereEmbedFormat(String modelId)
        implements BedrockFormat
{
    static final String ENGLISH = "cohere.embed-english-v3";
    static final String MULTILINGUAL = "cohere.embed-multilingual-v3";
    private static final int DIMENSION = 1024;
    private static final int TEXTS_PER_REQUEST = 96;
    // Bedrock rejects longer texts outright; truncate=END only cuts at the model's 512 tokens.
    private static final int MAX_CHARS = 2048;

    CohereEmbedFormat
    {
        requireNonNull(modelId, "modelId is null");
    }

    @Override
    public String id()
    {
        return "bedrock:" + modelId;
    }

    @Override
    public int dimension()
    {
        return DIMENSION;
    }

    @Override
    public int textsPerRequest()
    {
        return TEXTS_PER_REQUEST;
    }

    @Override
    public byte[] request(List<String> texts, EmbeddingPurpose purpose)
    {
        String inputType = switch (purpose) {
            case DOCUMENT -> "search_document";
            case QUERY -> "search_query";
        };
        List<String> cut = texts.stream().map(text -> BedrockJson.cut(text, MAX_CHARS)).toList();
        return BedrockJson.write(Map.of("texts", cut, "input_type", inputType, "truncate", "END"));
    }

    @Override
    public List<float[]> vectors(byte[] response, int texts)
    {
        return BedrockJson.vectors(BedrockJson.read(response, modelId).path("embeddings"), texts, DIMENSION, modelId);
    }
}
