package dev.trinoai.core.llm;

import java.util.function.Consumer;

/**
 * A chat model behind a provider's API. Implementations bound each call by the catalog's timeout, retry throttling
 * and server errors a bounded number of times, and limit how many calls run at once.
 */
public interface LlmClient
        extends AutoCloseable
{
    /**
     * The provider and model, e.g. {@code openai llama3.1}, for notices and logs.
     */
    String describe();

    /**
     * The whole reply at once.
     *
     * @throws LlmException when the model cannot be reached, fails, or takes longer than the timeout
     */
    LlmReply complete(LlmRequest request);

    /**
     * The reply as it is generated: each piece of text goes to {@code chunks} as soon as it arrives, on the caller's
     * thread. Once a chunk has been handed over the call is not retried.
     *
     * @throws LlmException as {@link #complete}, also after some chunks were handed over
     */
    LlmUsage stream(LlmRequest request, Consumer<String> chunks);

    @Override
    void close();
}
