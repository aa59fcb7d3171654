package dev.trinoai.core.answer;

import java.util.Locale;

/**
 * Numbers as an answer states them, with their unit.
 */
public final class Numbers
{
    private Numbers() {}

    public static String format(double value, String unit)
    {
        return switch (unit) {
            case "USD" -> dollars(value);
            case "USD/month" -> dollars(value) + " a month";
            case "%" -> String.format(Locale.ROOT, "%.1f%%", value);
            case "hours" -> String.format(Locale.ROOT, "%.1f hours", value);
            case "points/sprint" -> String.format(Locale.ROOT, "%.1f points per sprint", value);
            case "points" -> String.format(Locale.ROOT, "%,.1f points", value);
            default -> value == Math.rint(value)
                    ? String.format(Locale.ROOT, "%,.0f %s", value, value == 1 ? singular(unit) : unit)
                    : String.format(Locale.ROOT, "%,.2f %s", value, unit);
        };
    }

    private static String dollars(double value)
    {
        return (value < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,.0f", Math.abs(value));
    }

    private static String singular(String unit)
    {
        return unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
    }
}
