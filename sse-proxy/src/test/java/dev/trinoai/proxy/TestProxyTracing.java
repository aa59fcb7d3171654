package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * A chat question is one trace, from the caller's {@code traceparent} through the proxy's span of the request, the
 * driver's request to Trino, Trino's {@code query} span, down to the plugin's spans of the question: the proxy's spans
 * in an in-memory exporter of its own, Trino's and the plugin's in the query runner's.
 */
@TestInstance(PER_CLASS)
final class TestProxyTracing
{
    private static final String WHY = "Which programs are over budget this quarter, and why?";
    // as a browser's OpenTelemetry sends it: version, trace id, the caller's span id, sampled
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String BROWSER_SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-%s-%s-01".formatted(TRACE_ID, BROWSER_SPAN_ID);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemorySpanExporter proxySpans = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(proxySpans)).build();
    private TestingAskStack stack;
    private ProxyServer proxy;

    @BeforeAll
    void start()
            throws Exception
    {
        stack = TestingAskStack.start(Map.of(), List.of(), Set.of("risk", "milestone"));
        proxy = stack.proxy(Map.of(), OpenTelemetrySdk.builder()
                .setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build());
    }

    @BeforeEach
    void forgetSpans()
    {
        proxySpans.reset();
    }

    @AfterAll
    void stop()
    {
        TestingAskStack.close(stack, proxy);
        tracerProvider.close();
    }

    @Test
    void aChatQuestionIsOneTraceFromTheCallerToThePluginsSpans()
    {
        ObjectNode body = JSON.createObjectNode().put("id", "c-traced").put("trigger", "submit-message");
        body.putArray("messages").addObject().put("id", "question-1").put("role", "user")
                .putArray("parts").addObject().put("type", "text").put("text", WHY);
        SseClient.Response response = SseClient.post(proxy.uri().resolve("/api/chat"), Optional.of("analyst"), body.toString(), Map.of("traceparent", TRACEPARENT));
        assertThat(response.status()).isEqualTo(200);

        SpanData request = only(proxySpans.getFinishedSpanItems(), "POST /api/chat");
        assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(request.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(request.getParentSpanId()).isEqualTo(BROWSER_SPAN_ID);
        assertThat(request.getAttributes().get(ProxyTracing.HTTP_STATUS)).isEqualTo(200);
        assertThat(request.getAttributes().get(ProxyTracing.OUTCOME)).isEqualTo("done");

        // from the plugin's span of the question up to the proxy's span of the request, one parent at a time
        Map<String, SpanData> spans = Stream.concat(proxySpans.getFinishedSpanItems().stream(), stack.trinoSpans().stream())
                .filter(span -> span.getTraceId().equals(TRACE_ID))
                .collect(Collectors.toMap(SpanData::getSpanId, Function.identity(), (first, _) -> first));
        SpanData question = spans.values().stream().filter(span -> span.getName().equals("ai.question")).findFirst().orElseThrow();
        List<String> ancestry = new ArrayList<>();
        for (SpanData span = question; span != null; span = spans.get(span.getParentSpanId())) {
            ancestry.add(span.getName());
        }
        assertThat(ancestry.getFirst()).isEqualTo("ai.question");
        assertThat(ancestry).contains("query").endsWith("POST /api/chat");
        assertThat(request.getAttributes().get(ProxyTracing.QUERY_ID)).isEqualTo(question.getAttributes().get(ProxyTracing.QUERY_ID));
        assertThat(spans.values()).extracting(SpanData::getName).contains("ai.interpret", "ai.statement", "ai.retrieval", "ai.compose");
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceThatTrinoJoins()
    {
        SseClient.Response response = SseClient.ask(proxy.uri(), Optional.of("analyst"), "What is the total actual spend this year?");
        assertThat(response.last().name()).isEqualTo("done");

        SpanData request = only(proxySpans.getFinishedSpanItems(), "POST /ask");
        assertThat(request.getParentSpanContext().isValid()).isFalse();
        String queryId = response.last().data().get("queryId").asText();
        assertThat(stack.trinoSpans()).filteredOn(span -> span.getName().equals("ai.question") && queryId.equals(span.getAttributes().get(ProxyTracing.QUERY_ID)))
                .singleElement()
                .satisfies(question -> assertThat(question.getTraceId()).isEqualTo(request.getTraceId()));
    }

    @Test
    void aRefusedRequestIsASpanWithItsStatusAndNoQuestion()
    {
        SseClient.Response response = SseClient.post(proxy.uri().resolve("/ask"), Optional.empty(), "{\"question\": \"%s\"}".formatted(WHY), Map.of("traceparent", TRACEPARENT));
        assertThat(response.status()).isEqualTo(401);

        SpanData request = only(proxySpans.getFinishedSpanItems(), "POST /ask");
        assertThat(request.getParentSpanId()).isEqualTo(BROWSER_SPAN_ID);
        assertThat(request.getAttributes().get(ProxyTracing.HTTP_STATUS)).isEqualTo(401);
        assertThat(request.getAttributes().get(ProxyTracing.OUTCOME)).isEqualTo("refused");
        assertThat(request.getAttributes().asMap().values()).allSatisfy(value -> assertThat(value.toString()).doesNotContain("over budget"));
    }

    private static SpanData only(List<SpanData> spans, String name)
    {
        List<SpanData> named = spans.stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.getFirst();
    }
}
