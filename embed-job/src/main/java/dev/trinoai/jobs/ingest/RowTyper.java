package dev.trinoai.jobs.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

import static java.util.Objects.requireNonNull;

/**
 * Turns a raw record into the typed values of a source's columns, or says why it cannot.
 */
final class RowTyper
{
    private final SourceMapping mapping;
    private final List<List<DateTimeFormatter>> formatters;

    RowTyper(SourceMapping mapping)
    {
        this.mapping = requireNonNull(mapping, "mapping is null");
        this.formatters = mapping.columns().stream()
                .map(column -> column.formats().stream().map(RowTyper::strictFormatter).toList())
                .toList();
    }

    /**
     * A lenient formatter would read 02/30/2025 as 28 February; strict resolution needs the proleptic year ('u')
     * where people write the year of era ('y').
     */
    private static DateTimeFormatter strictFormatter(String pattern)
    {
        return DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    sealed interface Result
            permits Row, Problem {}

    record Row(Object[] values)
            implements Result {}

    record Problem(String reason)
            implements Result {}

    Result type(RawRecord record, String filePath)
    {
        if (record.problem().isPresent()) {
            return new Problem("row " + record.problem().get());
        }
        List<ColumnMapping> columns = mapping.columns();
        Object[] values = new Object[columns.size()];
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnMapping column = columns.get(i);
            try {
                String text = text(column, record, filePath);
                if (text == null || text.isBlank()) {
                    if (column.required()) {
                        problems.add("required field '%s' is missing".formatted(column.name()));
                    }
                    continue;
                }
                if (text.indexOf('\0') >= 0) {
                    problems.add("field '%s' contains a NUL character (byte 0x00), which PostgreSQL cannot store; remove it from the file".formatted(column.name()));
                    continue;
                }
                values[i] = parse(column, text.strip(), formatters.get(i));
            }
            catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
                problems.add("field '%s': %s".formatted(column.name(), e.getMessage()));
            }
        }
        return problems.isEmpty() ? new Row(values) : new Problem(String.join("; ", problems));
    }

    private static String text(ColumnMapping column, RawRecord record, String filePath)
    {
        return switch (column.from()) {
            case KEY -> record.key().orElse(null);
            case FILE -> {
                Matcher matcher = column.pattern().orElseThrow().matcher(filePath);
                yield matcher.find() ? matcher.group(1) : null;
            }
            case FIELD -> {
                for (String path : column.path()) {
                    Object value = record.field().apply(path);
                    if (value != null) {
                        yield value instanceof JsonNode node ? jsonText(column, node) : value.toString();
                    }
                }
                yield null;
            }
        };
    }

    private static String jsonText(ColumnMapping column, JsonNode node)
    {
        if (node.isArray()) {
            ColumnMapping.ArrayMode mode = column.array().orElseThrow(() -> new IllegalArgumentException("is a JSON array; set array: first or array: join in the mapping"));
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.isValueNode() ? item.asText() : item.toString()));
            return switch (mode) {
                case FIRST -> items.isEmpty() ? null : items.getFirst();
                case JOIN -> String.join(", ", items);
            };
        }
        if (node.isContainerNode()) {
            if (column.type() != ColumnType.TEXT) {
                throw new IllegalArgumentException("is a JSON object, not a " + column.type().name().toLowerCase(Locale.ROOT));
            }
            return node.toString();
        }
        return node.asText();
    }

    private static Object parse(ColumnMapping column, String text, List<DateTimeFormatter> formats)
    {
        return switch (column.type()) {
            case TEXT -> text;
            case INTEGER -> Math.toIntExact(number(text).longValueExact());
            case BIGINT -> number(text).longValueExact();
            case DECIMAL -> number(text);
            case DOUBLE -> number(text).doubleValue();
            case BOOLEAN -> bool(text);
            case DATE -> date(text, formats);
            case TIMESTAMP -> timestamp(text, formats);
        };
    }

    private static BigDecimal number(String text)
    {
        try {
            return new BigDecimal(text.replace("_", ""));
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("'%s' is not a number".formatted(abbreviate(text)));
        }
    }

    private static Boolean bool(String text)
    {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new IllegalArgumentException("'%s' is not a boolean".formatted(abbreviate(text)));
        };
    }

    private static LocalDate date(String text, List<DateTimeFormatter> formats)
    {
        if (formats.isEmpty()) {
            try {
                return LocalDate.parse(text);
            }
            catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'%s' is not a date in ISO format (yyyy-MM-dd); list the export's formats under formats:".formatted(abbreviate(text)));
            }
        }
        for (DateTimeFormatter format : formats) {
            try {
                TemporalAccessor parsed = format.parse(text);
                if (!parsed.isSupported(ChronoField.DAY_OF_MONTH)) {
                    return YearMonth.from(parsed).atDay(1);
                }
                return LocalDate.from(parsed);
            }
            catch (DateTimeException e) {
                // try the next format
            }
        }
        throw new IllegalArgumentException("'%s' matches none of the date formats listed in the mapping".formatted(abbreviate(text)));
    }

    private static OffsetDateTime timestamp(String text, List<DateTimeFormatter> formats)
    {
        if (formats.isEmpty()) {
            try {
                return OffsetDateTime.parse(text);
            }
            catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
                }
                catch (DateTimeParseException ignored) {
                    throw new IllegalArgumentException("'%s' is not an ISO-8601 timestamp".formatted(abbreviate(text)));
                }
            }
        }
        for (DateTimeFormatter format : formats) {
            try {
                TemporalAccessor parsed = format.parse(text);
                if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                    return OffsetDateTime.from(parsed);
                }
                if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
                    return LocalDateTime.from(parsed).atOffset(ZoneOffset.UTC);
                }
                return LocalDate.from(parsed).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            catch (DateTimeException e) {
                // try the next format
            }
        }
        throw new IllegalArgumentException("'%s' matches none of the timestamp formats listed in the mapping".formatted(abbreviate(text)));
    }

    private static String abbreviate(String text)
    {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
