package dev.trinoai.core.embedding;

/**
 * Where vectors come from: {@code local}, an ONNX sentence model run in-process (no network), or {@code bedrock}.
 */
public enum EmbeddingProvider
{
    LOCAL,
    BEDROCK,
}
