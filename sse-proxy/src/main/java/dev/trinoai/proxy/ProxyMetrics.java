package dev.trinoai.proxy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The proxy's counters, served at {@code GET /metrics} in the Prometheus text format: answers streamed and how they
 * ended, requests to {@code /ask} refused before a question ran (401 for a wrong token, 429 for a throttled address or
 * a user over their limits), and how long a client waited for its first event. Counts only: no user, address or
 * question, since the endpoint needs no token, like {@code /health}.
 */
final class ProxyMetrics
{
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    // how an /ask stream ends, as the access log names it; listed so that each series exists from the start
    private static final List<String> OUTCOMES = List.of("done", "error", "timeout", "disconnected", "internal_error");
    private static final List<Integer> REFUSALS = List.of(400, 401, 405, 429);
    // seconds: a first number from a warm cache arrives in tens of milliseconds, a model's plan in seconds
    private static final List<Double> FIRST_EVENT_BUCKETS = List.of(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0);

    private final ConcurrentMap<String, LongAdder> streams = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, LongAdder> refused = new ConcurrentHashMap<>();
    private final AtomicLong active = new AtomicLong();
    private final LongAdder[] firstEventBuckets = new LongAdder[FIRST_EVENT_BUCKETS.size()];
    private final LongAdder firstEventCount = new LongAdder();
    private final DoubleAdder firstEventSeconds = new DoubleAdder();

    ProxyMetrics()
    {
        OUTCOMES.forEach(outcome -> streams.put(outcome, new LongAdder()));
        REFUSALS.forEach(status -> refused.put(status, new LongAdder()));
        for (int i = 0; i < firstEventBuckets.length; i++) {
            firstEventBuckets[i] = new LongAdder();
        }
    }

    void streamStarted()
    {
        active.incrementAndGet();
    }

    void streamEnded(String outcome)
    {
        active.decrementAndGet();
        streams.computeIfAbsent(outcome, _ -> new LongAdder()).increment();
    }

    void refused(int status)
    {
        refused.computeIfAbsent(status, _ -> new LongAdder()).increment();
    }

    /**
     * From the request's arrival to the first event of its stream: a row, or the error or end of an answer without one.
     */
    void firstEvent(long nanos)
    {
        double seconds = nanos / (double) TimeUnit.SECONDS.toNanos(1);
        for (int i = 0; i < firstEventBuckets.length; i++) {
            if (seconds <= FIRST_EVENT_BUCKETS.get(i)) {
                firstEventBuckets[i].increment();
            }
        }
        firstEventCount.increment();
        firstEventSeconds.add(seconds);
    }

    String render()
    {
        StringBuilder text = new StringBuilder();
        family(text, "trino_ai_proxy_streams_total", "counter", "Answers streamed by POST /ask and POST /api/chat, by how they ended.");
        samples(text, "trino_ai_proxy_streams_total", "outcome", streams, Function.identity());
        family(text, "trino_ai_proxy_streams_active", "gauge", "Answers streaming now.");
        text.append("trino_ai_proxy_streams_active ").append(active.get()).append('\n');
        family(text, "trino_ai_proxy_refused_total", "counter", "Requests to the API refused before a question ran, by status: 401 a wrong token, 429 a throttled address or a user over their limits, 503 the conversations cannot be kept.");
        samples(text, "trino_ai_proxy_refused_total", "status", refused, String::valueOf);
        family(text, "trino_ai_proxy_first_event_seconds", "histogram", "From a request to the first event of its stream.");
        // Prometheus buckets are cumulative: each counts the observations at most its bound
        for (int i = 0; i < firstEventBuckets.length; i++) {
            text.append("trino_ai_proxy_first_event_seconds_bucket{le=\"").append(FIRST_EVENT_BUCKETS.get(i)).append("\"} ").append(firstEventBuckets[i].sum()).append('\n');
        }
        long count = firstEventCount.sum();
        text.append("trino_ai_proxy_first_event_seconds_bucket{le=\"+Inf\"} ").append(count).append('\n');
        text.append("trino_ai_proxy_first_event_seconds_sum ").append(firstEventSeconds.sum()).append('\n');
        text.append("trino_ai_proxy_first_event_seconds_count ").append(count).append('\n');
        return text.toString();
    }

    private static void family(StringBuilder text, String name, String type, String help)
    {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static <K extends Comparable<K>> void samples(StringBuilder text, String name, String label, Map<K, LongAdder> counters, Function<K, String> value)
    {
        counters.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> text.append(name).append('{').append(label).append("=\"").append(value.apply(entry.getKey())).append("\"} ").append(entry.getValue().sum()).append('\n'));
    }
}
