package dev.trinoai.jobs.sample;

import java.time.Duration;
import java.time.Month;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;

/**
 * Filling text templates and formatting the numbers and dates that appear in prose. Formats are fixed rather than
 * taken from the default locale, so that the files are the same on every machine.
 */
final class Text
{
    private Text() {}

    /**
     * Replaces each {@code {name}} in the template with its slot value; a slot the template names but the map lacks
     * is a bug in the templates, so it fails loudly.
     */
    static String fill(String template, Map<String, String> slots)
    {
        StringBuilder text = new StringBuilder(template.length() + 64);
        int position = 0;
        while (true) {
            int open = template.indexOf('{', position);
            if (open < 0) {
                return text.append(template, position, template.length()).toString();
            }
            int close = template.indexOf('}', open);
            String name = template.substring(open + 1, close);
            String value = slots.get(name);
            if (value == null) {
                throw new IllegalStateException("no value for {%s} in: %s".formatted(name, template));
            }
            text.append(template, position, open).append(value);
            position = close + 1;
        }
    }

    static String dollars(long amount)
    {
        return String.format(Locale.ROOT, "$%,d", amount);
    }

    /**
     * A dollar amount rounded to what a person would say: $42,000 or $1.3M.
     */
    static String roundDollars(double amount)
    {
        if (amount >= 1_000_000) {
            return String.format(Locale.ROOT, "$%.1fM", amount / 1_000_000);
        }
        return dollars(Math.round(amount / 1000) * 1000);
    }

    static String monthName(Month month)
    {
        String name = month.name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    static String monthYear(YearMonth month)
    {
        return monthName(month.getMonth()) + " " + month.getYear();
    }

    /**
     * An outage length as an incident report states it: 45 minutes, 3 h 20 min, 2 days.
     */
    static String duration(Duration duration)
    {
        long minutes = Math.max(1, duration.toMinutes());
        if (minutes < 60) {
            return minutes + " minutes";
        }
        if (minutes < 48 * 60) {
            return String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
        }
        return (minutes + 12 * 60) / (24 * 60) + " days";
    }

    static String number(long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
