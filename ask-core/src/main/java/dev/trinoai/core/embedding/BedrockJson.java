package dev.trinoai.core.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading and writing the model bodies, with the checks that turn a malformed answer into a message rather than a
 * wrong vector in the index.
 */
final class BedrockJson
{
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private BedrockJson() {}

    static byte[] write(Object body)
    {
        try {
            return MAPPER.writeValueAsBytes(body);
        }
        catch (IOException e) {
            throw new EmbeddingException("cannot write the Bedrock request: " + e.getMessage(), e);
        }
    }

    static JsonNode read(byte[] body, String modelId)
    {
        try {
            return MAPPER.readTree(body);
        }
        catch (IOException e) {
            throw new EmbeddingException("Bedrock returned a body for %s that is not JSON: %s".formatted(modelId, e.getMessage()), e);
        }
    }

    static List<float[]> vectors(JsonNode embeddings, int texts, int dimension, String modelId)
    {
        if (!embeddings.isArray() || embeddings.size() != texts) {
            throw new EmbeddingException("Bedrock returned %s embeddings for %d texts from %s".formatted(embeddings.isArray() ? embeddings.size() : "no", texts, modelId));
        }
        List<float[]> vectors = new ArrayList<>(texts);
        for (JsonNode embedding : embeddings) {
            vectors.add(vector(embedding, dimension, modelId));
        }
        return vectors;
    }

    static float[] vector(JsonNode embedding, int dimension, String modelId)
    {
        if (!embedding.isArray() || embedding.size() != dimension) {
            throw new EmbeddingException("Bedrock returned a vector of %s dimensions from %s, expected %d".formatted(embedding.isArray() ? embedding.size() : "no", modelId, dimension));
        }
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            JsonNode value = embedding.get(i);
            if (!value.isNumber()) {
                throw new EmbeddingException("Bedrock returned a vector with a non-number component from %s".formatted(modelId));
            }
            vector[i] = value.floatValue();
        }
        return vector;
    }

    /**
     * At most {@code limit} chars, never ending between the two halves of a surrogate pair.
     */
    static String cut(String text, int limit)
    {
        if (text.length() <= limit) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end);
    }
}
