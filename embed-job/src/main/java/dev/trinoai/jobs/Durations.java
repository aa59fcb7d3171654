package dev.trinoai.jobs;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intervals as people write them on a command line: 30s, 15m, 1h, 1d.
 */
final class Durations
{
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhd])");

    private Durations() {}

    static Duration parse(String text)
    {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'%s' is not an interval such as 30s, 15m, 1h or 1d".formatted(text));
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException("the interval must be longer than zero");
        }
        return duration;
    }
}
