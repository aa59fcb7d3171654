package dev.trinoai.proxy;

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

final class TestProxyConfig
{
    private static final Path BASE = Path.of("/etc/proxy");

    @Test
    void hasADefaultForEveryKeyButTheTokensFile()
    {
        ProxyConfig config = ProxyConfig.from(Map.of("auth.tokens-file", "tokens.properties"), BASE);
        assertThat(config).isEqualTo(new ProxyConfig("127.0.0.1", 8090, URI.create("http://127.0.0.1:8080"), "ai", Duration.ofSeconds(10), Duration.ofMinutes(2),
                2000, Path.of("/etc/proxy/tokens.properties"), 2, 30, Duration.ofSeconds(10), Optional.empty(), false, Optional.empty()));
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:trino://127.0.0.1:8080");
    }

    @Test
    void namesEveryProblemAtOnce()
    {
        assertThatThrownBy(() -> ProxyConfig.from(Map.of("http.port", "99999", "sse.heartbeat", "10", "log.questions", "yes", "limits.per-minute", "5"), BASE))
                .hasMessage("""
                        Invalid proxy configuration:
                          limits.per-minute: unknown key (known keys: ask.max-question-length, ask.timeout, auth.tokens-file, http.bind, http.port, \
                        limits.concurrent-per-user, limits.requests-per-minute, log.questions, sse.heartbeat, trino.catalog, trino.password-file, trino.request-timeout, \
                        trino.truststore, trino.uri, trino.user, ui.dir)
                          http.port=99999: must be between 0 and 65535
                          auth.tokens-file: required
                          sse.heartbeat=10: expected a duration such as 250ms, 10s, 2m or 1h
                          log.questions=yes: expected true or false""");
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
    void readsDurations()
    {
        assertThat(ProxyConfig.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ProxyConfig.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> ProxyConfig.duration("0s")).hasMessage("must be longer than zero");
    }
}
