package dev.trinoai.proxy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("security")
final class TestProxyConfig
{
    private static final Path BASE = Path.of("/etc/proxy");

    @Test
    void hasADefaultForEveryKeyButTheTokensFile()
    {
        ProxyConfig config = ProxyConfig.from(Map.of("auth.tokens-file", "tokens.properties"), BASE);
        assertThat(config).isEqualTo(new ProxyConfig("127.0.0.1", 8090, URI.create("http://127.0.0.1:8080"), "ai", Duration.ofSeconds(10), Duration.ofMinutes(2),
                2000, Path.of("/etc/proxy/tokens.properties"), 2, 30, Duration.ofSeconds(10), Optional.empty(), false,
                new ProxyConfig.ClientLimits(Duration.ofSeconds(10), 65536, 5, Duration.ofSeconds(1), Duration.ofMinutes(10), 60, 10_000), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:trino://127.0.0.1:8080");
    }

    @Test
    void namesEveryProblemAtOnce()
    {
        assertThatThrownBy(() -> ProxyConfig.from(Map.of("http.port", "99999", "sse.heartbeat", "10", "log.questions", "yes", "limits.per-minute", "5"), BASE))
                .hasMessage("""
                        Invalid proxy configuration:
                          limits.per-minute: unknown key (known keys: ask.max-question-length, ask.timeout, auth.failures-before-throttle, \
                        auth.max-failures-per-minute, auth.max-tracked-clients, auth.throttle-initial, auth.throttle-max, auth.tokens-file, chat.postgres.password-file, \
                        chat.postgres.url, chat.postgres.user, http.bind, http.max-body-bytes, http.port, http.request-timeout, limits.concurrent-per-user, limits.requests-per-minute, log.questions, sse.heartbeat, \
                        tracing.enabled, tracing.exporter.endpoint, tracing.exporter.protocol, tracing.service-name, trino.catalog, \
                        trino.password-file, trino.request-timeout, trino.truststore, trino.uri, trino.user, ui.dir)
                          http.port=99999: must be between 0 and 65535
                          auth.tokens-file: required
                          sse.heartbeat=10: expected a duration such as 250ms, 10s, 2m or 1h
                          log.questions=yes: expected true or false""");
    }

    @Test
    void readsAndChecksTheClientLimits()
    {
        ProxyConfig config = ProxyConfig.from(Map.of("auth.tokens-file", "tokens.properties", "http.request-timeout", "250ms", "http.max-body-bytes", "4096",
                "auth.failures-before-throttle", "3", "auth.throttle-initial", "2s", "auth.throttle-max", "1h", "auth.max-failures-per-minute", "20",
                "auth.max-tracked-clients", "500"), BASE);
        assertThat(config.clientLimits()).isEqualTo(new ProxyConfig.ClientLimits(Duration.ofMillis(250), 4096, 3, Duration.ofSeconds(2), Duration.ofHours(1), 20, 500));

        assertThatThrownBy(() -> ProxyConfig.from(Map.of("auth.tokens-file", "tokens.properties", "http.request-timeout", "0s", "http.max-body-bytes", "10",
                "auth.failures-before-throttle", "0", "auth.throttle-initial", "1h", "auth.throttle-max", "5m", "auth.max-failures-per-minute", "many"), BASE))
                .hasMessage("""
                        Invalid proxy configuration:
                          http.request-timeout=0s: must be longer than zero
                          http.max-body-bytes=10: must be between 1024 and 16777216
                          auth.failures-before-throttle=0: must be between 1 and 1000
                          auth.max-failures-per-minute=many: expected a whole number
                          auth.throttle-initial=1h: must not be longer than auth.throttle-max=5m""");
    }

    @Test
    void readsTheProxysOwnTrinoLoginWithoutShowingThePassword(@TempDir Path directory)
            throws IOException
    {
        Files.writeString(directory.resolve("proxy.password"), "s3cret-planted\n");
        ProxyConfig config = ProxyConfig.from(Map.of("auth.tokens-file", "tokens.properties", "trino.uri", "https://127.0.0.1:8443",
                "trino.user", "trino-ai-proxy", "trino.password-file", "proxy.password"), directory);
        assertThat(config.trinoLogin()).contains(new ProxyConfig.TrinoLogin("trino-ai-proxy", "s3cret-planted", Optional.empty()));
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:trino://127.0.0.1:8443");
        assertThat(config.isHttps()).isTrue();
        assertThat(config.toString()).doesNotContain("s3cret-planted");

        assertThatThrownBy(() -> ProxyConfig.from(Map.of("auth.tokens-file", "t", "trino.user", "trino-ai-proxy"), directory))
                .hasMessageContaining("trino.password-file: required with trino.user");
        assertThatThrownBy(() -> ProxyConfig.from(Map.of("auth.tokens-file", "t", "trino.user", "p", "trino.password-file", "missing"), directory))
                .hasMessageContaining("cannot read the file");
        assertThatThrownBy(() -> ProxyConfig.from(Map.of("auth.tokens-file", "t", "trino.password-file", "proxy.password"), directory))
                .hasMessageContaining("trino.password-file: needs trino.user");
    }

    @Test
    void readsWhereConversationsAreKeptWithoutShowingThePassword(@TempDir Path directory)
            throws IOException
    {
        Files.writeString(directory.resolve("chat.password"), "chat-s3cret\n");
        ProxyConfig config = ProxyConfig.from(Map.of("auth.tokens-file", "t", "chat.postgres.url", "jdbc:postgresql://127.0.0.1:5432/trino_ai",
                "chat.postgres.password-file", "chat.password"), directory);
        assertThat(config.chatDatabase()).contains(new ProxyConfig.ChatDatabase("jdbc:postgresql://127.0.0.1:5432/trino_ai", "trino_ai_proxy", Optional.of("chat-s3cret")));
        assertThat(config.toString()).doesNotContain("chat-s3cret");

        assertThatThrownBy(() -> ProxyConfig.from(Map.of("auth.tokens-file", "t", "chat.postgres.url", "postgres://db/trino_ai"), directory))
                .hasMessageContaining("chat.postgres.url=postgres://db/trino_ai: expected jdbc:postgresql://HOST:PORT/DATABASE");
        assertThatThrownBy(() -> ProxyConfig.from(Map.of("auth.tokens-file", "t", "chat.postgres.password-file", "chat.password"), directory))
                .hasMessageContaining("chat.postgres.password-file: needs chat.postgres.url");
    }

    @Test
    void tracesToACollectorOnlyWhenEnabledWithAnEndpoint()
    {
        ProxyConfig config = ProxyConfig.from(Map.of("auth.tokens-file", "t", "tracing.enabled", "true", "tracing.exporter.endpoint", "http://otel-collector:4318",
                "tracing.exporter.protocol", "http/protobuf"), BASE);
        assertThat(config.tracing()).contains(new ProxyConfig.TracingExport(URI.create("http://otel-collector:4318"), "http/protobuf", "trino-ai-proxy"));

        assertThatThrownBy(() -> ProxyConfig.from(Map.of("auth.tokens-file", "t", "tracing.enabled", "true"), BASE))
                .hasMessageContaining("tracing.enabled=true: needs tracing.exporter.endpoint");
        assertThatThrownBy(() -> ProxyConfig.from(Map.of("auth.tokens-file", "t", "tracing.exporter.endpoint", "http://otel-collector:4317"), BASE))
                .hasMessageContaining("tracing.exporter.endpoint: needs tracing.enabled=true");
        assertThatThrownBy(() -> ProxyConfig.from(Map.of("auth.tokens-file", "t", "tracing.enabled", "true", "tracing.exporter.endpoint", "otel:4317",
                "tracing.exporter.protocol", "zipkin"), BASE))
                .hasMessageContaining("tracing.exporter.endpoint=otel:4317: expected http://HOST:PORT or https://HOST:PORT")
                .hasMessageContaining("tracing.exporter.protocol=zipkin: expected grpc or http/protobuf");
    }

    @Test
    void readsDurations()
    {
        assertThat(ProxyConfig.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ProxyConfig.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> ProxyConfig.duration("0s")).hasMessage("must be longer than zero");
    }
}
