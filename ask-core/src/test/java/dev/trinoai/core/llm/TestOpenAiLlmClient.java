package dev.trinoai.core.llm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.trinoai.core.llm.ModelScript.reply;
import static dev.trinoai.core.llm.ModelScript.throttled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestOpenAiLlmClient
{
    private static final String API_KEY = "sk-test-never-shown-0000";
    private static final LlmRequest REQUEST = new LlmRequest("be brief", List.of(LlmMessage.user("hello")), 50);

    private static TestingOpenAiServer server;
    private static LlmClient client;

    @BeforeAll
    static void start()
    {
        server = new TestingOpenAiServer();
        client = OpenAiLlmClient.create(settings(server.baseUrl()));
    }

    private static LlmSettings settings(URI baseUrl)
    {
        return LlmSettings.openAi(baseUrl, "llama3.1", Optional.of(API_KEY)).withLimits(Duration.ofMinutes(1), 3, 2, Duration.ofMillis(10));
    }

    @AfterAll
    static void stop()
    {
        client.close();
        server.close();
    }

    @BeforeEach
    void reset()
    {
        server.script().reset();
    }

    @Test
    void streamsTheChunksInOrderAndCountsTheTokens()
    {
        server.script().then(new ModelScript.Reply(List.of("Apollo ", "is ", "over ", "budget [1]."), 321, 4));
        List<String> chunks = new ArrayList<>();
        LlmUsage usage = client.stream(REQUEST, chunks::add);
        assertThat(chunks).containsExactly("Apollo ", "is ", "over ", "budget [1].");
        assertThat(usage).isEqualTo(new LlmUsage(321, 4));

        ModelScript.Call call = server.script().calls().getFirst();
        assertThat(call.authorization()).isEqualTo("Bearer " + API_KEY);
        assertThat(call.body().path("model").asText()).isEqualTo("llama3.1");
        assertThat(call.body().path("stream").asBoolean()).isTrue();
        assertThat(call.body().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(call.body().path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(call.body().path("messages").get(1).path("content").asText()).isEqualTo("hello");
    }

    @Test
    void answersWhole()
    {
        server.script().then(new ModelScript.Reply(List.of("{\"metrics\": ", "[]}"), 10, 2));
        assertThat(client.complete(REQUEST)).isEqualTo(new LlmReply("{\"metrics\": []}", new LlmUsage(10, 2)));
        assertThat(server.script().calls().getFirst().body().has("stream")).isFalse();
    }

    @Test
    void retriesThrottling()
    {
        server.script().then(throttled()).then(new ModelScript.Failure(503, "overloaded", "busy")).then(reply("fine"));
        List<String> chunks = new ArrayList<>();
        client.stream(REQUEST, chunks::add);
        assertThat(chunks).containsExactly("fine");
        assertThat(server.script().calls()).hasSize(3);
    }

    @Test
    void givesUpAfterMaxAttempts()
    {
        server.script().then(throttled()).then(throttled()).then(throttled()).then(reply("too late"));
        assertThatThrownBy(() -> client.complete(REQUEST))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("throttled the call (HTTP 429")
                .hasMessageContaining("after 3 attempts")
                .hasMessageNotContaining(API_KEY);
        assertThat(server.script().calls()).hasSize(3);
    }

    @Test
    void doesNotRetryWhatFailsTheSameWayAgain()
    {
        server.script().then(new ModelScript.Failure(401, "invalid_api_key", "Incorrect API key provided: " + API_KEY.substring(0, 6) + "****"));
        assertThatThrownBy(() -> client.stream(REQUEST, _ -> {}))
                .hasMessageContaining("refused the API key (HTTP 401)")
                .hasMessageNotContaining(API_KEY);
        assertThat(server.script().calls()).hasSize(1);
    }

    @Test
    void timesOutAStalledStreamWithoutRetrying()
    {
        server.script().then(new ModelScript.Stall(reply("late")));
        try (LlmClient impatient = OpenAiLlmClient.create(settings(server.baseUrl()).withLimits(Duration.ofMillis(300), 3, 2, Duration.ofMillis(10)))) {
            assertThatThrownBy(() -> impatient.stream(REQUEST, _ -> {}))
                    .hasMessage("openai llama3.1 did not answer within PT0.3S (ai.llm.timeout)");
        }
        // a retry would have been a second call; on a busy machine the one call may time out before the server reads it
        assertThat(server.script().calls()).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void saysWhenTheServerIsDown()
            throws IOException
    {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (LlmClient down = OpenAiLlmClient.create(settings(URI.create("http://127.0.0.1:%d/v1".formatted(port))))) {
            assertThatThrownBy(() -> down.stream(REQUEST, _ -> {}))
                    .hasMessageContaining("cannot reach http://127.0.0.1:%d/v1/chat/completions (connection refused)".formatted(port))
                    .hasMessageContaining("after 3 attempts");
        }
    }
}
