package dev.trinoai.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static java.util.Objects.requireNonNull;

/**
 * The proxy's settings, read from a properties file (etc/proxy/proxy.properties). Every key has a default except
 * the tokens file; a file with an unknown key or a bad value is refused with every problem named, so a typo
 * never silently falls back to a default.
 */
public record ProxyConfig(
        String bindAddress,
        int port,
        URI trinoUri,
        String catalog,
        Duration trinoRequestTimeout,
        Duration askTimeout,
        int maxQuestionLength,
        Path tokensFile,
        int concurrentPerUser,
        int requestsPerMinute,
        Duration heartbeat,
        Optional<Path> uiDirectory,
        boolean logQuestions,
        ClientLimits clientLimits,
        Optional<TrinoLogin> trinoLogin,
        Optional<ChatDatabase> chatDatabase,
        Optional<TracingExport> tracing)
{
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /**
     * Every key with its default; null where there is none.
     */
    private static final Map<String, String> DEFAULTS = defaults();

    public ProxyConfig
    {
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(trinoUri, "trinoUri is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(trinoRequestTimeout, "trinoRequestTimeout is null");
        requireNonNull(askTimeout, "askTimeout is null");
        requireNonNull(tokensFile, "tokensFile is null");
        requireNonNull(heartbeat, "heartbeat is null");
        requireNonNull(uiDirectory, "uiDirectory is null");
        requireNonNull(clientLimits, "clientLimits is null");
        requireNonNull(trinoLogin, "trinoLogin is null");
        requireNonNull(chatDatabase, "chatDatabase is null");
        requireNonNull(tracing, "tracing is null");
    }

    /**
     * What a client may do before the proxy cuts it off: how long it may take to send a request, how large a body it
     * may send, and how failed authentication is throttled per client address (and for all of them together).
     *
     * @param requestTimeout {@code http.request-timeout}: the request line, the headers and the body must have arrived
     *         within it, or the connection is closed
     * @param maxBodyBytes {@code http.max-body-bytes}: a larger body is answered 413
     * @param failuresBeforeThrottle {@code auth.failures-before-throttle}: wrong tokens an address may send before it is
     *         refused with 429
     * @param throttleInitial {@code auth.throttle-initial}: the first refusal's period; each further failure doubles it
     * @param throttleMax {@code auth.throttle-max}: the longest period; an address's failures are forgotten this long
     *         after its last one
     * @param maxFailuresPerMinute {@code auth.max-failures-per-minute}: failures of all addresses together before
     *         addresses that have not authenticated yet are refused too
     * @param maxTrackedClients {@code auth.max-tracked-clients}: addresses remembered, the oldest forgotten first
     */
    public record ClientLimits(Duration requestTimeout, int maxBodyBytes, int failuresBeforeThrottle, Duration throttleInitial, Duration throttleMax,
            int maxFailuresPerMinute, int maxTrackedClients)
    {
        public ClientLimits
        {
            requireNonNull(requestTimeout, "requestTimeout is null");
            requireNonNull(throttleInitial, "throttleInitial is null");
            requireNonNull(throttleMax, "throttleMax is null");
        }
    }

    /**
     * The proxy's own Trino login (trino.user, trino.password-file, trino.truststore): it authenticates as this
     * principal and runs each question as the token's user (Trino's session user), which Trino allows this principal
     * only (etc/trino/rules.json "impersonation"). Without it the proxy connects as the token's user, with no password.
     */
    public record TrinoLogin(String user, String password, Optional<Path> truststore)
    {
        public TrinoLogin
        {
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
            requireNonNull(truststore, "truststore is null");
        }

        @Override
        public String toString()
        {
            return "TrinoLogin[user=%s, truststore=%s]".formatted(user, truststore);
        }
    }

    /**
     * Where the chat page's conversations are kept (chat.postgres.url, chat.postgres.user, chat.postgres.password-file):
     * the schema of etc/postgres/chat.sql, through a login of its own in trino_ai_chat. Without it the proxy keeps no
     * conversation.
     */
    public record ChatDatabase(String url, String user, Optional<String> password)
    {
        public ChatDatabase
        {
            requireNonNull(url, "url is null");
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
        }

        @Override
        public String toString()
        {
            return "ChatDatabase[url=%s, user=%s]".formatted(url, user);
        }
    }

    /**
     * Where the proxy's spans go (tracing.enabled, tracing.exporter.endpoint, tracing.exporter.protocol,
     * tracing.service-name): an OpenTelemetry collector over OTLP, as Trino's own tracing.* settings name it. Without
     * it the proxy records no span and sends Trino no {@code traceparent}.
     */
    public record TracingExport(URI endpoint, String protocol, String serviceName)
    {
        public static final String GRPC = "grpc";
        public static final String HTTP_PROTOBUF = "http/protobuf";

        public TracingExport
        {
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(protocol, "protocol is null");
            requireNonNull(serviceName, "serviceName is null");
        }
    }

    private static Map<String, String> defaults()
    {
        Map<String, String> defaults = new TreeMap<>();
        defaults.put("http.bind", "127.0.0.1");
        defaults.put("http.port", "8090");
        defaults.put("trino.uri", "http://127.0.0.1:8080");
        defaults.put("trino.catalog", "ai");
        // The proxy's own Trino principal and the file holding its password; the truststore (PEM or JKS) for https.
        defaults.put("trino.user", null);
        defaults.put("trino.password-file", null);
        defaults.put("trino.truststore", null);
        // How long the driver keeps retrying a Trino that does not answer before the stream gets an error event.
        defaults.put("trino.request-timeout", "10s");
        defaults.put("ask.timeout", "2m");
        defaults.put("ask.max-question-length", "2000");
        defaults.put("auth.tokens-file", null);
        defaults.put("limits.concurrent-per-user", "2");
        defaults.put("limits.requests-per-minute", "30");
        defaults.put("sse.heartbeat", "10s");
        defaults.put("ui.dir", null);
        defaults.put("log.questions", "false");
        defaults.put("http.request-timeout", "10s");
        defaults.put("http.max-body-bytes", "65536");
        defaults.put("auth.failures-before-throttle", "5");
        defaults.put("auth.throttle-initial", "1s");
        defaults.put("auth.throttle-max", "10m");
        defaults.put("auth.max-failures-per-minute", "60");
        defaults.put("auth.max-tracked-clients", "10000");
        defaults.put("chat.postgres.url", null);
        defaults.put("chat.postgres.user", "trino_ai_proxy");
        defaults.put("chat.postgres.password-file", null);
        defaults.put("tracing.enabled", "false");
        defaults.put("tracing.exporter.endpoint", null);
        defaults.put("tracing.exporter.protocol", TracingExport.GRPC);
        defaults.put("tracing.service-name", "trino-ai-proxy");
        return defaults;
    }

    public static ProxyConfig load(Path file, Map<String, String> overrides)
            throws IOException
    {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        values.putAll(overrides);
        return from(values, file.toAbsolutePath().getParent());
    }

    /**
     * @param baseDirectory relative paths are resolved against it (the config file's directory)
     */
    public static ProxyConfig from(Map<String, String> values, Path baseDirectory)
    {
        Parser parser = new Parser(values, baseDirectory);
        String bindAddress = parser.get("http.bind", Function.identity());
        Integer port = parser.get("http.port", value -> inRange(Integer.parseInt(value), 0, 65535));
        URI trinoUri = parser.get("trino.uri", ProxyConfig::httpUri);
        String catalog = parser.get("trino.catalog", ProxyConfig::identifier);
        Duration trinoRequestTimeout = parser.get("trino.request-timeout", ProxyConfig::duration);
        Duration askTimeout = parser.get("ask.timeout", ProxyConfig::duration);
        Integer maxQuestionLength = parser.get("ask.max-question-length", value -> inRange(Integer.parseInt(value), 1, 100_000));
        Path tokensFile = parser.get("auth.tokens-file", parser::path);
        Integer concurrentPerUser = parser.get("limits.concurrent-per-user", value -> inRange(Integer.parseInt(value), 1, 1000));
        Integer requestsPerMinute = parser.get("limits.requests-per-minute", value -> inRange(Integer.parseInt(value), 1, 1_000_000));
        Duration heartbeat = parser.get("sse.heartbeat", ProxyConfig::duration);
        Optional<Path> uiDirectory = parser.optional("ui.dir", parser::path);
        Boolean logQuestions = parser.get("log.questions", ProxyConfig::bool);
        ClientLimits clientLimits = clientLimits(parser);
        Optional<TrinoLogin> trinoLogin = parser.trinoLogin();
        Optional<ChatDatabase> chatDatabase = parser.chatDatabase();
        Optional<TracingExport> tracing = parser.tracing();
        parser.failOnProblems();
        return new ProxyConfig(bindAddress, port, trinoUri, catalog, trinoRequestTimeout, askTimeout, maxQuestionLength, tokensFile,
                concurrentPerUser, requestsPerMinute, heartbeat, uiDirectory, logQuestions, clientLimits, trinoLogin, chatDatabase, tracing);
    }

    private static ClientLimits clientLimits(Parser parser)
    {
        Duration requestTimeout = parser.get("http.request-timeout", ProxyConfig::duration);
        Integer maxBodyBytes = parser.get("http.max-body-bytes", value -> inRange(Integer.parseInt(value), 1024, 16 * 1024 * 1024));
        Integer failuresBeforeThrottle = parser.get("auth.failures-before-throttle", value -> inRange(Integer.parseInt(value), 1, 1000));
        Duration throttleInitial = parser.get("auth.throttle-initial", ProxyConfig::duration);
        Duration throttleMax = parser.get("auth.throttle-max", ProxyConfig::duration);
        Integer maxFailuresPerMinute = parser.get("auth.max-failures-per-minute", value -> inRange(Integer.parseInt(value), 1, 1_000_000));
        Integer maxTrackedClients = parser.get("auth.max-tracked-clients", value -> inRange(Integer.parseInt(value), 1, 10_000_000));
        if (throttleInitial != null && throttleMax != null && throttleInitial.compareTo(throttleMax) > 0) {
            parser.problem("auth.throttle-initial=%s: must not be longer than auth.throttle-max=%s".formatted(parser.value("auth.throttle-initial"), parser.value("auth.throttle-max")));
        }
        if (requestTimeout == null || maxBodyBytes == null || failuresBeforeThrottle == null || throttleInitial == null || throttleMax == null
                || maxFailuresPerMinute == null || maxTrackedClients == null) {
            return null;
        }
        return new ClientLimits(requestTimeout, maxBodyBytes, failuresBeforeThrottle, throttleInitial, throttleMax, maxFailuresPerMinute, maxTrackedClients);
    }

    /**
     * The JDBC URL of the configured Trino.
     */
    public String jdbcUrl()
    {
        return "jdbc:trino://%s:%d".formatted(trinoUri.getHost(), trinoUri.getPort() == -1 ? (isHttps() ? 8443 : 8080) : trinoUri.getPort());
    }

    public boolean isHttps()
    {
        return "https".equals(trinoUri.getScheme());
    }

    /**
     * What the proxy's own HTTP requests to Trino (the health probe) trust: the certificates of trino.truststore
     * (PEM), else the JDK's default authorities.
     */
    public SSLContext trinoSslContext()
    {
        try {
            Optional<Path> truststore = trinoLogin.flatMap(TrinoLogin::truststore);
            if (truststore.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
            keyStore.load(null, null);
            try (InputStream certificates = Files.newInputStream(truststore.get())) {
                int index = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(certificates)) {
                    keyStore.setCertificateEntry("trino-" + index++, certificate);
                }
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(keyStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        }
        catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("trino.truststore: not a PEM file of certificates: " + e.getMessage(), e);
        }
    }

    static Duration duration(String value)
    {
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a duration such as 250ms, 10s, 2m or 1h");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return duration;
    }

    private static int inRange(int value, int min, int max)
    {
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be between %d and %d".formatted(min, max));
        }
        return value;
    }

    private static URI httpUri(String value)
    {
        URI uri = URI.create(value);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected http://HOST:PORT or https://HOST:PORT");
        }
        return uri;
    }

    private static String postgresUrl(String value)
    {
        if (!value.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("expected jdbc:postgresql://HOST:PORT/DATABASE");
        }
        return value;
    }

    private static String identifier(String value)
    {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException("expected a lower-case catalog name");
        }
        return value;
    }

    private static boolean bool(String value)
    {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /**
     * Reads keys one at a time and collects the problems, so one failure names them all.
     */
    private static final class Parser
    {
        private final Map<String, String> values;
        private final Path baseDirectory;
        private final List<String> problems = new ArrayList<>();

        Parser(Map<String, String> values, Path baseDirectory)
        {
            this.values = values;
            this.baseDirectory = baseDirectory;
            for (String key : new TreeSet<>(values.keySet())) {
                if (!DEFAULTS.containsKey(key)) {
                    problems.add("%s: unknown key (known keys: %s)".formatted(key, String.join(", ", DEFAULTS.keySet())));
                }
            }
        }

        /**
         * The value, or null after recording why there is none (failOnProblems then throws).
         */
        <T> T get(String key, Function<String, T> parse)
        {
            if (values.getOrDefault(key, DEFAULTS.get(key)) == null) {
                problems.add(key + ": required");
                return null;
            }
            return optional(key, parse).orElse(null);
        }

        <T> Optional<T> optional(String key, Function<String, T> parse)
        {
            String value = values.getOrDefault(key, DEFAULTS.get(key));
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(parse.apply(value));
            }
            catch (IllegalArgumentException e) {
                problems.add("%s=%s: %s".formatted(key, value, e instanceof NumberFormatException ? "expected a whole number" : e.getMessage()));
                return Optional.empty();
            }
        }

        String value(String key)
        {
            return values.getOrDefault(key, DEFAULTS.get(key));
        }

        void problem(String problem)
        {
            problems.add(problem);
        }

        /**
         * trino.user with the password read from trino.password-file (required with it), and trino.truststore.
         */
        Optional<TrinoLogin> trinoLogin()
        {
            Optional<String> user = optional("trino.user", Function.identity());
            Optional<Path> passwordFile = optional("trino.password-file", this::path);
            Optional<Path> truststore = optional("trino.truststore", this::path);
            truststore.filter(file -> !Files.isReadable(file)).ifPresent(file -> problems.add("trino.truststore=%s: cannot read the file".formatted(file)));
            if (user.isEmpty()) {
                passwordFile.ifPresent(_ -> problems.add("trino.password-file: needs trino.user"));
                return Optional.empty();
            }
            if (passwordFile.isEmpty()) {
                problems.add("trino.password-file: required with trino.user");
                return Optional.empty();
            }
            return password("trino.password-file", passwordFile.get()).map(password -> new TrinoLogin(user.get(), password, truststore));
        }

        /**
         * chat.postgres.url with chat.postgres.user and the password read from chat.postgres.password-file, if any (a
         * server that trusts the login needs none).
         */
        Optional<ChatDatabase> chatDatabase()
        {
            Optional<String> url = optional("chat.postgres.url", ProxyConfig::postgresUrl);
            Optional<Path> passwordFile = optional("chat.postgres.password-file", this::path);
            if (url.isEmpty()) {
                passwordFile.ifPresent(_ -> problems.add("chat.postgres.password-file: needs chat.postgres.url"));
                return Optional.empty();
            }
            String user = get("chat.postgres.user", Function.identity());
            if (passwordFile.isEmpty()) {
                return Optional.of(new ChatDatabase(url.get(), user, Optional.empty()));
            }
            return password("chat.postgres.password-file", passwordFile.get()).map(password -> new ChatDatabase(url.get(), user, Optional.of(password)));
        }

        /**
         * tracing.exporter.* when tracing.enabled=true, which needs an endpoint; the exporter keys alone are refused,
         * so a half-written block does not silently trace nothing.
         */
        Optional<TracingExport> tracing()
        {
            Boolean enabled = get("tracing.enabled", ProxyConfig::bool);
            Optional<URI> endpoint = optional("tracing.exporter.endpoint", ProxyConfig::httpUri);
            String protocol = get("tracing.exporter.protocol", value -> switch (value) {
                case TracingExport.GRPC, TracingExport.HTTP_PROTOBUF -> value;
                default -> throw new IllegalArgumentException("expected grpc or http/protobuf");
            });
            String serviceName = get("tracing.service-name", Function.identity());
            if (!Boolean.TRUE.equals(enabled)) {
                endpoint.ifPresent(_ -> problems.add("tracing.exporter.endpoint: needs tracing.enabled=true"));
                return Optional.empty();
            }
            if (endpoint.isEmpty()) {
                problems.add("tracing.enabled=true: needs tracing.exporter.endpoint, the OTLP address of a collector (e.g. http://otel-collector:4317)");
                return Optional.empty();
            }
            if (protocol == null || serviceName == null) {
                return Optional.empty();
            }
            return Optional.of(new TracingExport(endpoint.get(), protocol, serviceName));
        }

        private Optional<String> password(String key, Path file)
        {
            String password;
            try {
                password = Files.readString(file).strip();
            }
            catch (IOException e) {
                problems.add("%s=%s: cannot read the file".formatted(key, file));
                return Optional.empty();
            }
            if (password.isEmpty()) {
                problems.add("%s=%s: the file is empty".formatted(key, file));
                return Optional.empty();
            }
            return Optional.of(password);
        }

        Path path(String value)
        {
            return baseDirectory.resolve(value).normalize();
        }

        void failOnProblems()
        {
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid proxy configuration:\n  " + String.join("\n  ", problems));
            }
        }
    }
}
