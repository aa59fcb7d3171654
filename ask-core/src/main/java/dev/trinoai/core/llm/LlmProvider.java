package dev.trinoai.core.llm;

public enum LlmProvider
{
    /** The offline engine alone. */
    NONE,
    /** Amazon Bedrock's Converse API. */
    BEDROCK,
    /** Any server with OpenAI's {@code /v1/chat/completions}: OpenAI, Ollama, vLLM, LM Studio. */
    OPENAI
}
