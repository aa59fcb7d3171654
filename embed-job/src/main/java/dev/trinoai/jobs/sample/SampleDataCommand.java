package dev.trinoai.jobs.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code generate --out DIR [--seed N] [--as-of YYYY-MM-DD] [--scale N]}: writes the sample PMO dataset.
 */
public final class SampleDataCommand
{
    private record Options(long seed, LocalDate asOf, int scale, Path out) {}

    private SampleDataCommand() {}

    /**
     * Returns the exit code: 0 when the files were written, 2 for bad arguments (with a message on {@code out}).
     */
    public static int run(List<String> args, PrintStream out)
            throws IOException
    {
        Options options;
        try {
            options = parse(args);
        }
        catch (IllegalArgumentException e) {
            out.println("generate: " + e.getMessage());
            out.println("usage: generate --out DIR [--seed N] [--as-of YYYY-MM-DD] [--scale N]");
            return 2;
        }
        Map<String, Integer> rows = new SampleGenerator(options.seed(), options.asOf(), options.scale()).writeTo(options.out());
        int total = 0;
        for (Map.Entry<String, Integer> file : rows.entrySet()) {
            out.printf(Locale.ROOT, "%-18s %,10d rows%n", file.getKey(), file.getValue());
            total += file.getValue();
        }
        out.printf(Locale.ROOT, "%-18s %,10d rows in %s%n", "total", total, options.out());
        return 0;
    }

    private static Options parse(List<String> args)
    {
        long seed = 42;
        LocalDate asOf = LocalDate.now(ZoneOffset.UTC);
        int scale = 1;
        Path out = null;
        for (int i = 0; i < args.size(); i += 2) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args.get(i + 1);
            switch (flag) {
                case "--seed" -> seed = parseLong(flag, value);
                case "--as-of" -> asOf = parseDate(value);
                case "--scale" -> scale = parseScale(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown argument '%s' (known: --as-of, --out, --scale, --seed)".formatted(flag));
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required: the directory to write the files into");
        }
        return new Options(seed, asOf, scale, out);
    }

    private static long parseLong(String flag, String value)
    {
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("%s must be a whole number, not '%s'".formatted(flag, value));
        }
    }

    private static LocalDate parseDate(String value)
    {
        try {
            return LocalDate.parse(value);
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--as-of must be a date as YYYY-MM-DD, not '%s'".formatted(value));
        }
    }

    private static int parseScale(String value)
    {
        long scale = parseLong("--scale", value);
        if (scale < 1 || scale > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--scale must be a whole number of at least 1, not '%s'".formatted(value));
        }
        return (int) scale;
    }
}
