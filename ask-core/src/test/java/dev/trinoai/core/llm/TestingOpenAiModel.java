package dev.trinoai.core.llm;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.Optional;

/**
 * A local OpenAI-compatible model for one test class ({@code @RegisterExtension static}): the server started before
 * its tests, its script reset before each, and a client that makes one call per request (each scripted reply is one
 * try) and waits a minute, since a busy machine may take seconds over a call.
 */
final class TestingOpenAiModel
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback
{
    private TestingOpenAiServer server;
    private LlmClient client;

    TestingOpenAiServer server()
    {
        return server;
    }

    ModelScript script()
    {
        return server.script();
    }

    LlmClient client()
    {
        return client;
    }

    @Override
    public void beforeAll(ExtensionContext context)
    {
        server = new TestingOpenAiServer();
        client = OpenAiLlmClient.create(LlmSettings.openAi(server.baseUrl(), "llama3.1", Optional.empty()).withLimits(Duration.ofMinutes(1), 1, 2, Duration.ofMillis(10)));
    }

    @Override
    public void beforeEach(ExtensionContext context)
    {
        server.script().reset();
    }

    @Override
    public void afterAll(ExtensionContext context)
    {
        client.close();
        server.close();
    }
}
