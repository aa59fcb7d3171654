package dev.trinoai.core.llm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.trinoai.core.llm.ModelScript.reply;
import static dev.trinoai.core.llm.ModelScript.throttled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Bedrock client against a local server speaking Converse JSON and the ConverseStream event-stream framing, with
 * the credentials of a named profile in a credentials file of its own.
 */
final class TestBedrockLlmClient
{
    private static final String MODEL = LlmSettings.DEFAULT_BEDROCK_MODEL;
    private static final LlmRequest REQUEST = new LlmRequest("be brief", List.of(LlmMessage.user("hello")), 50);
    private static final String CREDENTIALS_FILE = "aws.sharedCredentialsFile";

    private static TestingBedrockConverseServer server;
    private static LlmClient client;
    private static Path credentials;
    private static String savedCredentialsFile;

    @BeforeAll
    static void start()
            throws IOException
    {
        credentials = Files.createTempFile("credentials", "");
        Files.writeString(credentials, """
                [llm-test]
                aws_access_key_id = AKIDTESTINGLLM000001
                aws_secret_access_key = testing/llm/secret/never/shown/000000
                """);
        savedCredentialsFile = System.getProperty(CREDENTIALS_FILE);
        System.setProperty(CREDENTIALS_FILE, credentials.toString());
        server = new TestingBedrockConverseServer();
        // a busy machine may take seconds over the first call: only the stall test relies on the timeout
        client = client(Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop()
            throws IOException
    {
        client.close();
        server.close();
        if (savedCredentialsFile == null) {
            System.clearProperty(CREDENTIALS_FILE);
        }
        else {
            System.setProperty(CREDENTIALS_FILE, savedCredentialsFile);
        }
        Files.delete(credentials);
    }

    @BeforeEach
    void reset()
    {
        server.script().reset();
    }

    @Test
    void streamsTheEventStreamChunksInOrder()
    {
        server.script().then(new ModelScript.Reply(List.of("Apollo ", "is ", "over ", "budget [1]."), 250, 9));
        List<String> chunks = new ArrayList<>();
        LlmUsage usage = client.stream(REQUEST, chunks::add);
        assertThat(chunks).containsExactly("Apollo ", "is ", "over ", "budget [1].");
        assertThat(usage).isEqualTo(new LlmUsage(250, 9));

        ModelScript.Call call = server.script().calls().getFirst();
        assertThat(call.path()).isEqualTo("/model/%s/converse-stream".formatted(MODEL));
        assertThat(call.authorization()).contains("Credential=AKIDTESTINGLLM000001/").contains("/us-east-1/bedrock/aws4_request");
        assertThat(call.body().path("system").get(0).path("text").asText()).isEqualTo("be brief");
        assertThat(call.body().path("messages").get(0).path("content").get(0).path("text").asText()).isEqualTo("hello");
        assertThat(call.body().path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(50);
    }

    @Test
    void conversesWhole()
    {
        server.script().then(new ModelScript.Reply(List.of("{}"), 12, 1));
        assertThat(client.complete(REQUEST)).isEqualTo(new LlmReply("{}", new LlmUsage(12, 1)));
        assertThat(server.script().calls().getFirst().path()).isEqualTo("/model/%s/converse".formatted(MODEL));
    }

    @Test
    void retriesThrottlingThenGivesUp()
    {
        server.script().then(throttled()).then(reply("fine"));
        List<String> chunks = new ArrayList<>();
        client.stream(REQUEST, chunks::add);
        assertThat(chunks).containsExactly("fine");

        server.script().reset();
        server.script().then(throttled()).then(throttled()).then(throttled());
        assertThatThrownBy(() -> client.complete(REQUEST))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("Bedrock throttled %s in us-east-1 (ThrottlingException".formatted(MODEL))
                .hasMessageContaining("after 3 attempts");
    }

    @Test
    void namesTheIamActionWhenDenied()
    {
        server.script().then(new ModelScript.Failure(403, "AccessDeniedException", "User is not authorized"));
        assertThatThrownBy(() -> client.stream(REQUEST, _ -> {}))
                .hasMessageContaining("grant bedrock:InvokeModelWithResponseStream on arn:aws:bedrock:us-east-1::foundation-model/" + MODEL);
        assertThat(server.script().calls()).hasSize(1);
    }

    @Test
    void timesOutAStalledStream()
    {
        server.script().then(new ModelScript.Stall(reply("late")));
        LlmClient impatient = client(Duration.ofMillis(300));
        try {
            assertThatThrownBy(() -> impatient.stream(REQUEST, _ -> {}))
                    .hasMessage("bedrock %s did not answer within PT0.3S (ai.llm.timeout)".formatted(MODEL));
        }
        finally {
            impatient.close();
        }
    }

    private static BedrockLlmClient client(Duration timeout)
    {
        return BedrockLlmClient.create(LlmSettings.bedrock(MODEL, Optional.of("us-east-1"), Optional.of(server.uri()), Optional.of("llm-test"))
                .withLimits(timeout, 3, 2, Duration.ofMillis(10)));
    }
}
