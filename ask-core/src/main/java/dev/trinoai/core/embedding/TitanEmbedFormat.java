package dev.trinoai.core.embedding;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Amazon Titan Text Embeddings v2: one text a request, 256, 512 or 1024 dimensions, the same vector for documents
 * and queries.
 */
record TitanEmbedFormat(int dimensions)
        implements BedrockFormat
{
    static final String MODEL = "amazon.titan-embed-text-v2:0";
    private static final Set<Integer> DIMENSIONS = Set.of(256, 512, 1024);
    // The model's documented input limit; Bedrock rejects longer text instead of cutting it.
    private static final int MAX_CHARS = 50_000;

    TitanEmbedFormat
    {
        if (!DIMENSIONS.contains(dimensions)) {
            throw new EmbeddingException("%s embeds in 256, 512 or 1024 dimensions, not %d".formatted(MODEL, dimensions));
        }
    }

    @Override
    public String modelId()
    {
        return MODEL;
    }

    @Override
    public String id()
    {
        return "bedrock:%s/%d".formatted(MODEL, dimensions);
    }

    @Override
    public int dimension()
    {
        return dimensions;
    }

    @Override
    public int textsPerRequest()
    {
        return 1;
    }

    @Override
    public byte[] request(List<String> texts, EmbeddingPurpose purpose)
    {
        if (texts.size() != 1) {
            throw new IllegalArgumentException("%s takes one text a request, got %d".formatted(MODEL, texts.size()));
        }
        return BedrockJson.write(Map.of("inputText", BedrockJson.cut(texts.getFirst(), MAX_CHARS), "dimensions", dimensions, "normalize", true));
    }

    @Override
    public List<float[]> vectors(byte[] response, int texts)
    {
        return List.of(BedrockJson.vector(BedrockJson.read(response, MODEL).path("embedding"), dimensions, MODEL));
    }
}
