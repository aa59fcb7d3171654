package dev.trinoai.jobs.embed;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A line every few seconds while a long run embeds, so whoever watches knows it is moving and when it will end.
 */
final class Progress
{
    private final PrintStream out;
    private final long total;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastPrinted = start;
    private long done;

    Progress(PrintStream out, long total, Duration interval)
    {
        this.out = requireNonNull(out, "out is null");
        this.total = total;
        this.intervalNanos = interval.toNanos();
    }

    void advance(long chunks)
    {
        done += chunks;
        long now = System.nanoTime();
        if (now - lastPrinted >= intervalNanos && done < total) {
            lastPrinted = now;
            double seconds = (now - start) / 1e9;
            double rate = done / seconds;
            out.printf(Locale.ROOT, "  embedded %,d/%,d chunks, %,.1f chunks/s, ETA %s%n", done, total, rate, eta(rate));
        }
    }

    private String eta(double rate)
    {
        if (rate <= 0) {
            return "unknown";
        }
        long seconds = Math.round((total - done) / rate);
        return seconds < 60 ? seconds + " s" : "%d min %02d s".formatted(seconds / 60, seconds % 60);
    }
}
