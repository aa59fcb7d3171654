package dev.trinoai.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Per-user limits: how many questions may run at once, and how many may start per minute (a token bucket that
 * holds a minute's worth, so a user may ask a burst and then one every 60/N seconds).
 */
public final class UserLimits
{
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int concurrent;
    private final int perMinute;
    private final LongSupplier nanoTime;
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();

    public UserLimits(int concurrent, int perMinute, LongSupplier nanoTime)
    {
        this.concurrent = concurrent;
        this.perMinute = perMinute;
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    public sealed interface Admission
            permits Permit, Refusal {}

    /**
     * A running question; closing it frees its place.
     */
    public record Permit(Runnable release)
            implements Admission, AutoCloseable
    {
        @Override
        public void close()
        {
            release.run();
        }
    }

    public record Refusal(String message, long retryAfterSeconds)
            implements Admission {}

    public Admission admit(String user)
    {
        Usage state = usage.computeIfAbsent(user, _ -> new Usage(perMinute, nanoTime.getAsLong()));
        synchronized (state) {
            if (state.running >= concurrent) {
                // No way to know when a running answer ends; a second is about what a short one takes.
                return new Refusal("%s already has %d question%s running, the limit (limits.concurrent-per-user); wait for one to finish or stop it."
                        .formatted(user, state.running, state.running == 1 ? "" : "s"), 1);
            }
            long now = nanoTime.getAsLong();
            state.tokens = Math.min(perMinute, state.tokens + (now - state.refilledAt) * (double) perMinute / MINUTE_NANOS);
            state.refilledAt = now;
            if (state.tokens < 1) {
                long waitNanos = (long) Math.ceil((1 - state.tokens) * MINUTE_NANOS / perMinute);
                return new Refusal("%s asked more than %d questions in a minute, the limit (limits.requests-per-minute)."
                        .formatted(user, perMinute), Math.max(1, (waitNanos + 999_999_999) / 1_000_000_000));
            }
            state.tokens -= 1;
            state.running++;
        }
        return new Permit(() -> {
            synchronized (state) {
                state.running--;
            }
        });
    }

    private static final class Usage
    {
        private int running;
        private double tokens;
        private long refilledAt;

        Usage(double tokens, long refilledAt)
        {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }
}
