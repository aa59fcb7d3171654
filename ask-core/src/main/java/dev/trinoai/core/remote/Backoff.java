package dev.trinoai.core.remote;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * How long to wait before retrying a throttled or failed call (a model service, a lost database connection), and
 * the wait itself.
 */
public final class Backoff
{
    private static final Duration MAX_DELAY = Duration.ofSeconds(20);

    private Backoff() {}

    /**
     * Doubles per attempt up to a cap; the random half spreads the retries of many workers throttled at once.
     *
     * @param attempt the attempt that just failed, from 1
     */
    public static Duration delay(Duration base, int attempt)
    {
        long cap = MAX_DELAY.toNanos();
        long ceiling = base.toNanos();
        for (int doubled = 1; doubled < attempt && ceiling < cap; doubled++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, cap);
        long half = ceiling / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /**
     * Waits; an interrupt is kept on the thread and ends the retrying with what {@code interrupted} makes of it.
     */
    public static void sleep(Duration delay, Function<InterruptedException, RuntimeException> interrupted)
    {
        try {
            Thread.sleep(delay);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted.apply(e);
        }
    }
}
