package dev.trinoai.core.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trinoai.core.TestingAwsCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

final class TestBedrockEmbeddingModel
{
    private static final String ACCESS_KEY = "AKIDTESTINGBEDROCK01";
    private static final String SECRET_KEY = "testing/secret/key/never/shown/0000000000";

    private static TestingAwsCredentials credentials;
    private static TestingBedrockServer server;

    @BeforeAll
    static void start()
    {
        credentials = new TestingAwsCredentials(ACCESS_KEY, SECRET_KEY);
        server = new TestingBedrockServer();
    }

    @AfterAll
    static void stop()
    {
        server.close();
        credentials.close();
    }

    @BeforeEach
    void reset()
    {
        server.reset();
    }

    @Test
    void cohereSendsTheInputTypeOfThePurpose()
    {
        try (EmbeddingModel model = EmbeddingModels.create(settings("cohere.embed-english-v3"))) {
            assertThat(model).isInstanceOf(BedrockEmbeddingModel.class);
            assertThat(model.id()).isEqualTo("bedrock:cohere.embed-english-v3");
            assertThat(model.dimension()).isEqualTo(1024);

            float[] document = model.embed(List.of("Vendor delay on the payments gateway"), EmbeddingPurpose.DOCUMENT).getFirst();
            float[] query = model.embed(List.of("Vendor delay on the payments gateway"), EmbeddingPurpose.QUERY).getFirst();
            float[] again = model.embed(List.of("Vendor delay on the payments gateway"), EmbeddingPurpose.DOCUMENT).getFirst();

            assertThat(server.invocations()).extracting(invocation -> invocation.body().get("input_type").asText())
                    .containsExactly("search_document", "search_query", "search_document");
            assertThat(server.invocations()).allSatisfy(invocation -> {
                assertThat(invocation.modelId()).isEqualTo("cohere.embed-english-v3");
                assertThat(invocation.accessKeyId()).isEqualTo(ACCESS_KEY);
                assertThat(invocation.region()).isEqualTo("us-east-1");
                assertThat(invocation.body().get("truncate").asText()).isEqualTo("END");
            });
            assertThat(document).hasSize(1024).isEqualTo(again).isNotEqualTo(query);
        }
    }

    @Test
    void cohereTakesNinetySixTextsInOneCall()
    {
        try (EmbeddingModel model = EmbeddingModels.create(settings("cohere.embed-multilingual-v3"))) {
            assertThat(model.maxBatchSize()).isEqualTo(96);
            List<String> texts = IntStream.range(0, 97).mapToObj(i -> "risk note " + i).toList();

            List<float[]> first = model.embed(texts.subList(0, 96), EmbeddingPurpose.DOCUMENT);
            List<float[]> rest = model.embed(texts.subList(96, 97), EmbeddingPurpose.DOCUMENT);

            assertThat(first).hasSize(96);
            assertThat(rest).hasSize(1);
            assertThat(server.invocations()).extracting(invocation -> invocation.body().get("texts").size()).containsExactly(96, 1);
            assertThat(server.invocations().getFirst().body().get("texts").get(95).asText()).isEqualTo("risk note 95");
            assertThatThrownBy(() -> model.embed(texts, EmbeddingPurpose.DOCUMENT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 96");
            assertThat(server.invocations()).hasSize(2);
        }
    }

    @Test
    void cohereCutsTextsLongerThanBedrockTakes()
    {
        try (EmbeddingModel model = EmbeddingModels.create(settings("cohere.embed-english-v3"))) {
            // 2047 chars then a surrogate pair: cutting at 2048 would split the emoji.
            String tooLong = "x".repeat(2047) + "\uD83D\uDE00" + "y".repeat(500);
            assertThat(model.embed(List.of(tooLong, "short"), EmbeddingPurpose.DOCUMENT)).hasSize(2);
            assertThat(server.invocations().getFirst().body().get("texts")).extracting(JsonNode::asText)
                    .containsExactly("x".repeat(2047), "short");
        }
    }

    @Test
    void titanMakesOneCallPerTextWithItsDimensions()
    {
        try (EmbeddingModel model = EmbeddingModels.create(settings("amazon.titan-embed-text-v2:0").withTitanDimensions(512))) {
            assertThat(model.id()).isEqualTo("bedrock:amazon.titan-embed-text-v2:0/512");
            assertThat(model.dimension()).isEqualTo(512);

            List<float[]> vectors = model.embed(List.of("budget overrun", "sprint velocity", "budget overrun"), EmbeddingPurpose.QUERY);

            assertThat(vectors).hasSize(3).allSatisfy(vector -> assertThat(vector).hasSize(512));
            assertThat(vectors.get(0)).isEqualTo(vectors.get(2)).isNotEqualTo(vectors.get(1));
            assertThat(server.invocations()).hasSize(3).allSatisfy(invocation -> {
                assertThat(invocation.modelId()).isEqualTo("amazon.titan-embed-text-v2:0");
                assertThat(invocation.body().get("dimensions").asInt()).isEqualTo(512);
                assertThat(invocation.body().get("normalize").asBoolean()).isTrue();
            });
            assertThat(server.invocations()).extracting(invocation -> invocation.body().get("inputText").asText())
                    .containsExactly("budget overrun", "sprint velocity", "budget overrun");
        }
    }

    @Test
    void vectorsHaveUnitLength()
    {
        for (EmbeddingSettings settings : List.of(settings("cohere.embed-english-v3"), settings("amazon.titan-embed-text-v2:0"))) {
            try (EmbeddingModel model = EmbeddingModels.create(settings)) {
                assertThat(model.embed(List.of("milestone slipped", "OKR at risk", "vendor delay"), EmbeddingPurpose.DOCUMENT))
                        .hasSize(3)
                        .allSatisfy(vector -> assertThat(Vectors.cosine(vector, vector)).isCloseTo(1.0, within(1e-5)))
                        .allSatisfy(vector -> assertThat(norm(vector)).isCloseTo(1.0, within(1e-5)));
            }
        }
    }

    @Test
    void retriesThrottlingWithBackoff()
    {
        server.throttleNext(2);
        try (EmbeddingModel model = EmbeddingModels.create(settings("cohere.embed-english-v3").withRetries(3, Duration.ofMillis(2)))) {
            assertThat(model.embed(List.of("incident summary"), EmbeddingPurpose.DOCUMENT)).hasSize(1);
        }
        assertThat(server.invocations()).hasSize(3);
    }

    @Test
    void failsWhenThrottledOnEveryAttempt()
    {
        server.throttleNext(10);
        try (EmbeddingModel model = EmbeddingModels.create(settings("cohere.embed-english-v3").withRetries(3, Duration.ofMillis(2)))) {
            assertThatThrownBy(() -> model.embed(List.of("incident summary"), EmbeddingPurpose.DOCUMENT))
                    .isInstanceOf(EmbeddingException.class)
                    .hasMessageContaining("Bedrock throttled cohere.embed-english-v3 in us-east-1 after 3 attempts")
                    .hasMessageContaining("quota");
        }
        assertThat(server.invocations()).hasSize(3);
    }

    @Test
    void retriesServerErrors()
    {
        server.failWith(503, "ServiceUnavailableException", "Bedrock is unable to process your request.");
        try (EmbeddingModel model = EmbeddingModels.create(settings("amazon.titan-embed-text-v2:0").withRetries(2, Duration.ofMillis(1)))) {
            assertThatThrownBy(() -> model.embed(List.of("incident summary"), EmbeddingPurpose.DOCUMENT))
                    .isInstanceOf(EmbeddingException.class)
                    .hasMessageContaining("after 2 attempts (HTTP 503 ServiceUnavailableException");
        }
        assertThat(server.invocations()).hasSize(2);
    }

    @Test
    void accessDeniedSaysWhichPermissionToGrant()
    {
        server.failWith(403, "AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/trino/i-0abc is not authorized to perform: bedrock:InvokeModel");
        try (EmbeddingModel model = EmbeddingModels.create(settings("cohere.embed-english-v3"))) {
            assertThatThrownBy(() -> model.embed(List.of("incident summary"), EmbeddingPurpose.DOCUMENT))
                    .isInstanceOf(EmbeddingException.class)
                    .hasMessageContaining("grant bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-english-v3 to the role")
                    .hasMessageNotContaining(SECRET_KEY);
        }
        assertThat(server.invocations()).hasSize(1);
    }

    @Test
    void modelAccessNotEnabledSaysWhereToEnableIt()
    {
        server.failWith(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.");
        try (EmbeddingModel model = EmbeddingModels.create(settings("amazon.titan-embed-text-v2:0"))) {
            assertThatThrownBy(() -> model.embed(List.of("incident summary"), EmbeddingPurpose.DOCUMENT))
                    .isInstanceOf(EmbeddingException.class)
                    .hasMessageContaining("model access to amazon.titan-embed-text-v2:0 is not enabled in us-east-1");
        }
    }

    @Test
    void rejectedCredentialsAreNotEchoed()
    {
        // The real service quotes the canonical request, headers and all, in this message.
        server.failWith(403, "InvalidSignatureException", "The request signature we calculated does not match ... " + ACCESS_KEY);
        try (EmbeddingModel model = EmbeddingModels.create(settings("cohere.embed-english-v3"))) {
            assertThatThrownBy(() -> model.embed(List.of("incident summary"), EmbeddingPurpose.DOCUMENT))
                    .isInstanceOf(EmbeddingException.class)
                    .hasMessageContaining("Bedrock rejected the AWS credentials (InvalidSignatureException)")
                    .hasMessageNotContaining(ACCESS_KEY);
        }
    }

    @Test
    void unreachableEndpointIsNamed()
            throws IOException
    {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        EmbeddingSettings settings = settings("cohere.embed-english-v3").withEndpoint(closed).withRetries(2, Duration.ofMillis(1));
        try (EmbeddingModel model = EmbeddingModels.create(settings)) {
            assertThatThrownBy(() -> model.embed(List.of("incident summary"), EmbeddingPurpose.DOCUMENT))
                    .isInstanceOf(EmbeddingException.class)
                    .hasMessageContaining("cannot reach Bedrock at endpoint " + closed + " after 2 attempts");
        }
    }

    @Test
    void unsupportedModelsNameTheSupportedOnes()
    {
        assertThatThrownBy(() -> EmbeddingModels.create(settings("amazon.titan-embed-text-v1")))
                .isInstanceOf(EmbeddingException.class)
                .hasMessage("Bedrock embedding model 'amazon.titan-embed-text-v1' is not supported: use one of cohere.embed-english-v3, cohere.embed-multilingual-v3, amazon.titan-embed-text-v2:0");
        assertThatThrownBy(() -> EmbeddingModels.create(settings("amazon.titan-embed-text-v2:0").withTitanDimensions(384)))
                .isInstanceOf(EmbeddingException.class)
                .hasMessage("amazon.titan-embed-text-v2:0 embeds in 256, 512 or 1024 dimensions, not 384");
        assertThat(server.invocations()).isEmpty();
    }

    private static EmbeddingSettings settings(String model)
    {
        return EmbeddingSettings.defaults()
                .withProvider(EmbeddingProvider.BEDROCK)
                .withBedrockModel(model)
                .withRegion("us-east-1")
                .withEndpoint(server.uri())
                .withRetries(3, Duration.ofMillis(2));
    }

    private static double norm(float[] vector)
    {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        return Math.sqrt(sum);
    }
}
