package dev.trinoai.proxy;

import com.sun.net.httpserver.Headers;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.trino.jdbc.NonRegisteringTrinoDriver;
import io.trino.jdbc.TracingTrinoDriver;
import io.trino.jdbc.TrinoDriver;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The proxy's part of a question's trace: a span per API request, a child of the caller's W3C {@code traceparent}
 * when it sends one, and the OpenTelemetry the Trino driver injects into its requests, so Trino's {@code query} span
 * and the plugin's spans below it are in the same trace. Without {@code tracing.enabled} nothing is recorded and
 * Trino is asked through the plain driver, as before tracing.
 */
final class ProxyTracing
        implements AutoCloseable
{
    static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    // the names the plugin's spans use for the same things
    static final AttributeKey<String> QUERY_ID = AttributeKey.stringKey("trino.query_id");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("ai.outcome");
    static final AttributeKey<Long> ROWS = AttributeKey.longKey("ai.rows");

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>()
    {
        @Override
        public Iterable<String> keys(Headers headers)
        {
            return headers.keySet();
        }

        @Override
        public String get(Headers headers, String key)
        {
            return headers == null ? null : headers.getFirst(key);
        }
    };

    private final OpenTelemetry openTelemetry;
    private final Optional<SdkTracerProvider> provider;
    private final Tracer tracer;
    private final boolean recording;

    private ProxyTracing(OpenTelemetry openTelemetry, Optional<SdkTracerProvider> provider, boolean recording)
    {
        this.recording = recording;
        this.openTelemetry = requireNonNull(openTelemetry, "openTelemetry is null");
        this.provider = requireNonNull(provider, "provider is null");
        this.tracer = openTelemetry.getTracer("dev.trinoai.proxy");
    }

    static ProxyTracing create(Optional<ProxyConfig.TracingExport> export)
    {
        ContextPropagators w3c = ContextPropagators.create(W3CTraceContextPropagator.getInstance());
        if (export.isEmpty()) {
            return new ProxyTracing(OpenTelemetry.propagating(w3c), Optional.empty(), false);
        }
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), export.get().serviceName()))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter(export.get())).build())
                .build();
        return new ProxyTracing(OpenTelemetrySdk.builder().setTracerProvider(provider).setPropagators(w3c).build(), Optional.of(provider), true);
    }

    /**
     * Tracing with an OpenTelemetry of the caller's, which the caller closes: for tests with an in-memory exporter.
     */
    static ProxyTracing of(OpenTelemetry openTelemetry)
    {
        return new ProxyTracing(openTelemetry, Optional.empty(), true);
    }

    private static SpanExporter exporter(ProxyConfig.TracingExport export)
    {
        String endpoint = export.endpoint().toString();
        return switch (export.protocol()) {
            case ProxyConfig.TracingExport.HTTP_PROTOBUF -> OtlpHttpSpanExporter.builder()
                    .setEndpoint(endpoint.replaceAll("/+$", "") + "/v1/traces")
                    .build();
            default -> OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build();
        };
    }

    /**
     * Trino's driver: with tracing, the one that sends each request's {@code traceparent}; without, the plain one.
     */
    NonRegisteringTrinoDriver driver()
    {
        return recording ? new TracingTrinoDriver(openTelemetry) : new TrinoDriver();
    }

    /**
     * A server span for the request, named by its method and route, in the trace of the caller's {@code traceparent}
     * if it sent a valid one. The caller makes it current while the request is answered and ends it.
     */
    Span startRequest(String method, String route, Headers headers)
    {
        Context parent = openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), headers, HEADERS);
        return tracer.spanBuilder(method + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(HTTP_METHOD, method)
                .setAttribute(HTTP_ROUTE, route)
                .startSpan();
    }

    /**
     * Exports the spans still buffered.
     */
    @Override
    public void close()
    {
        provider.ifPresent(SdkTracerProvider::close);
    }
}
