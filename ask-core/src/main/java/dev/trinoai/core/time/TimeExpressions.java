package dev.trinoai.core.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the period a question is about and resolves it against a reference date, so "this quarter" means the same in
 * a test run next year. Fiscal periods follow the domain's {@link FiscalYear}; without one, it starts on 1 July and is
 * named by the year it ends in, as in {@code dim_date}.
 */
public final class TimeExpressions
{
    private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
    private static final String NUMBER = "\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12));

    private record Rule(Pattern pattern, Resolver resolve) {}

    private interface Resolver
    {
        Period resolve(Matcher matcher, LocalDate asOf, FiscalYear fiscal);
    }

    /**
     * A period found in a text, and where.
     */
    public record Found(Period period, int start, int end) {}

    private static final List<Rule> RULES = List.of(
            rule(toDate("fiscal[- ](?:year|yr)", "fytd|fiscal ytd"), (m, asOf, fiscal) -> Period.dates(fiscal.startOf(asOf), asOf, m.group())),
            rule(toDate("(?:calendar[- ])?(?:year|yr)", "ytd"), (m, asOf, fiscal) -> Period.dates(asOf.withDayOfYear(1), asOf, m.group())),
            rule(toDate("(?:calendar[- ])?(?:quarter|qtr)", "qtd"), (m, asOf, fiscal) -> Period.dates(quarterStart(asOf), asOf, m.group())),
            rule(toDate("(?:calendar[- ])?month", "mtd"), (m, asOf, fiscal) -> Period.dates(asOf.withDayOfMonth(1), asOf, m.group())),
            // "the next 30 days", "the coming 3 months": from tomorrow
            rule("(?:the )?(?:next|coming|upcoming) (" + NUMBER + ") (day|week|month)s?", (m, asOf, fiscal) -> {
                int count = number(m.group(1));
                if (count < 1) {
                    throw new IllegalArgumentException("no period");
                }
                LocalDate end = switch (m.group(2)) {
                    case "day" -> asOf.plusDays(count);
                    case "week" -> asOf.plusWeeks(count);
                    default -> asOf.plusMonths(count);
                };
                return Period.dates(asOf.plusDays(1), end, m.group());
            }),
            rule("(?:the )?(?:last|past|previous) fortnight|(?:the )?(?:last|past) two weeks", (m, asOf, fiscal) -> trailing(14, "day", asOf, m.group())),
            rule("(?:the )?(?:last|past) 24 hours", (m, asOf, fiscal) -> Period.dates(asOf, asOf, m.group())),
            // "the first quarter of this fiscal year", "the second half of FY26"
            rule("(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th) quarter of (?:the |this |our )?(?:current )?(?:fiscal year|fy)(?:\\s*'?(\\d{2}|\\d{4}))?", (m, asOf, fiscal) ->
                    fiscalQuarter(fiscal, m.group(2) == null ? fiscal.of(asOf) : year(m.group(2)), ordinal(m.group(1)), m.group())),
            rule("(?:the )?(first|second|1st|2nd) half of (?:the |this |our )?(?:current )?(?:fiscal year|fy)(?:\\s*'?(\\d{2}|\\d{4}))?", (m, asOf, fiscal) -> {
                int fiscalYear = m.group(2) == null ? fiscal.of(asOf) : year(m.group(2));
                LocalDate start = fiscal.firstDay(fiscalYear).plusMonths(ordinal(m.group(1)) == 1 ? 0 : 6);
                return Period.dates(start, start.plusMonths(6).minusDays(1), m.group());
            }),
            // "the rest of this fiscal year": from tomorrow to its end
            rule("(?:the )?(?:rest|remainder) of (?:the |this |our )?(?:current )?(fiscal year|year|quarter|month)", (m, asOf, fiscal) -> {
                LocalDate end = switch (m.group(1)) {
                    case "fiscal year" -> fiscal.startOf(asOf).plusYears(1).minusDays(1);
                    case "quarter" -> quarterStart(asOf).plusMonths(3).minusDays(1);
                    case "month" -> asOf.withDayOfMonth(asOf.lengthOfMonth());
                    default -> LocalDate.of(asOf.getYear(), 12, 31);
                };
                if (!end.isAfter(asOf)) {
                    throw new IllegalArgumentException("nothing left of the period");
                }
                return Period.dates(asOf.plusDays(1), end, m.group());
            }),
            // "over the last year" is the twelve months to the reference date; "last year" alone the calendar year before,
            // as "over the last quarter" is the quarter before
            rule("(?:over|in|during|within|for) the (?:last|past) year\\b", (m, asOf, fiscal) -> trailing(1, "year", asOf, m.group())),
            rule("(?:last|past|previous|prior|trailing|most recent|latest|over the last|over the past|in the last|in the past|over its last|over their last|its last|their last)\\s+(" + NUMBER + ")\\s+(day|week|month|quarter|year|sprint)s?",
                    (m, asOf, fiscal) -> trailing(number(m.group(1)), m.group(2), asOf, m.group())),
            rule("(" + NUMBER + ")\\s+(?:most recent|latest|last)\\s+(day|week|month|quarter|year|sprint)s?",
                    (m, asOf, fiscal) -> trailing(number(m.group(1)), m.group(2), asOf, m.group())),
            // "their most recent sprint" is each team's last sprint
            rule("(?:most recent|latest) sprint", (m, asOf, fiscal) -> new Period(asOf, asOf, 1, m.group())),
            rule("(?:the\\s+)?(this|current|last|previous|prior|past|next)\\s+(?:calendar\\s+)?(fiscal\\s+year|fiscal\\s+yr|fiscal\\s+quarter|fy|week|month|quarter|qtr|year|yr|sprint)",
                    (m, asOf, fiscal) -> relative(m.group(1), m.group(2).replaceAll("\\s+", " ").replace("yr", "year"), asOf, fiscal, m.group())),
            rule("(?:fy|fiscal\\s+year)\\s*'?(\\d{2}|\\d{4})\\s*[- ]?\\s*q([1-4])", (m, asOf, fiscal) -> fiscalQuarter(fiscal, year(m.group(1)), Integer.parseInt(m.group(2)), m.group())),
            rule("(?:fiscal\\s+)?q([1-4])\\s*(?:of\\s+)?(?:fy|fiscal\\s+year)\\s*'?(\\d{2}|\\d{4})", (m, asOf, fiscal) -> fiscalQuarter(fiscal, year(m.group(2)), Integer.parseInt(m.group(1)), m.group())),
            rule("fiscal\\s+q([1-4])(?:\\s+(\\d{4}))?", (m, asOf, fiscal) -> fiscalQuarter(fiscal, m.group(2) == null ? fiscal.of(asOf) : year(m.group(2)), Integer.parseInt(m.group(1)), m.group())),
            // "the fiscal year that ended in June 2026": the fiscal year holding that month
            rule("(?:the\\s+)?fiscal\\s+year\\s+(?:that\\s+|which\\s+)?end(?:ed|ing|s)?\\s+(?:in\\s+|on\\s+)?(?:(?:\\d{1,2}(?:st|nd|rd|th)?\\s+)?(" + MONTHS + ")\\s+)?(\\d{4})", (m, asOf, fiscal) -> {
                int year = Integer.parseInt(m.group(2));
                // a fiscal year is named by the calendar year it ends in
                int fiscalYear = m.group(1) == null ? year : fiscal.of(LocalDate.of(year, monthOf(m.group(1)), 1));
                return Period.dates(fiscal.firstDay(fiscalYear), fiscal.firstDay(fiscalYear + 1).minusDays(1), m.group());
            }),
            rule("(?:fiscal\\s+year\\s+)?(?:fy|fiscal\\s+year|fiscal)\\s*'?(\\d{2}|\\d{4})", (m, asOf, fiscal) -> {
                int year = year(m.group(1));
                return Period.dates(fiscal.firstDay(year), fiscal.firstDay(year + 1).minusDays(1), m.group());
            }),
            rule("(?:calendar\\s+year|cy)\\s*'?(\\d{4}|\\d{2})\\b", (m, asOf, fiscal) -> {
                int year = year(m.group(1));
                return Period.dates(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), m.group());
            }),
            rule("(\\d{4})\\s*-?\\s*q([1-4])", (m, asOf, fiscal) -> quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group())),
            rule("q([1-4])(?:\\s*(?:of\\s+)?'?(\\d{4}|\\d{2}))?", (m, asOf, fiscal) -> m.group(2) == null
                    ? latestQuarter(Integer.parseInt(m.group(1)), asOf, m.group())
                    : quarter(year(m.group(2)), Integer.parseInt(m.group(1)), m.group())),
            rule("(?:(first|second)\\s+half|h([12]))(?:\\s+(?:of\\s+)?(\\d{4}))?", (m, asOf, fiscal) -> half(m, asOf)),
            rule("(\\d{4})-(\\d{2})-(\\d{2})", (m, asOf, fiscal) -> {
                LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                return Period.dates(day, day, m.group());
            }),
            rule("(\\d{4})-(\\d{2})", (m, asOf, fiscal) -> month(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))), m.group())),
            rule("(" + MONTHS + ")\\.?(?:\\s+(?:of\\s+)?(\\d{4}))", (m, asOf, fiscal) -> month(YearMonth.of(Integer.parseInt(m.group(2)), monthOf(m.group(1))), m.group())),
            // a bare month name means the latest such month; "may" alone is too often a verb to count
            rule("(?<=\\b(?:in|since|during|for|from|until|through|to|and|of)\\s)(may)|(" + MONTHS.replace("may|", "") + ")", (m, asOf, fiscal) -> {
                Month month = monthOf(m.group(1) != null ? m.group(1) : m.group(2));
                YearMonth latest = YearMonth.of(asOf.getYear(), month);
                return month(latest.isAfter(YearMonth.from(asOf)) ? latest.minusYears(1) : latest, m.group());
            }),
            rule("(?<=\\b(?:in|during|for|of|since|from|until|through|to|and|year)\\s)(20[0-4]\\d)", (m, asOf, fiscal) -> {
                int year = Integer.parseInt(m.group(1));
                return Period.dates(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), m.group());
            }),
            // "apollo on-time % 2025": a year closing the question is its period, unless it is a threshold ("more than 2025")
            rule("(?<![$\\d.,])(?<!\\$ )(?<!(?:than|over|above|under|below|least|most|top|exceeds|exceeding) )\\b(20[0-4]\\d)(?=\\s*[?.!]*\\s*$)", (m, asOf, fiscal) -> {
                int year = Integer.parseInt(m.group(1));
                return Period.dates(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), m.group());
            }),
            rule("(?:(?:of )?all[- ]time|since (?:the )?(?:beginning|start)(?!\\s+of\\b)|lifetime|ever(?!\\s+so\\b))", (m, asOf, fiscal) -> Period.allTime(asOf, m.group())),
            // "as of today" says the numbers are current, not that they are of today alone
            rule("(?<!as of )(?<!as at )today", (m, asOf, fiscal) -> Period.dates(asOf, asOf, m.group())),
            rule("yesterday", (m, asOf, fiscal) -> Period.dates(asOf.minusDays(1), asOf.minusDays(1), m.group())));

    // "from last week" alone is that week; "from March onwards" runs to the reference date
    private static final Pattern SINCE = Pattern.compile("\\b(?:since|after|starting(?: from| in)?)\\s+$");
    private static final Pattern FROM = Pattern.compile("\\bfrom\\s+$");
    private static final Pattern PRECEDING = Pattern.compile("\\bthe (?:(month|quarter|year|week) (?:before|prior|earlier)|(?:previous|prior|preceding) (month|quarter|year|week)|(?:one|period) before|(?:previous|preceding|prior) one)\\b");
    private static final Pattern ONWARDS = Pattern.compile("^\\s+(?:on|onwards?|forward|until now|till now|to now|to today|to date)\\b");
    private static final Pattern RANGE_JOIN = Pattern.compile("^\\s*(?:to|until|till|through|thru|and|-)\\s+");
    private static final Pattern BETWEEN = Pattern.compile("\\b(?:between|from)\\s+$");
    private static final Pattern THROUGH = Pattern.compile("^\\s*(?:through|thru|till|until|-)\\s+$");

    /** The words periods are said in, for mending the slips of a question against. */
    public static final Set<String> WORDS = Set.of("today", "yesterday", "this", "last", "next", "current", "previous", "prior", "past", "trailing",
            "day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year", "years", "fiscal", "calendar", "sprint", "sprints",
            "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
            "half", "first", "second", "third", "fourth", "lifetime", "fortnight", "rest", "remainder", "coming", "upcoming", "beginning", "start", "since", "from", "until", "through", "between", "date", "far", "ever",
            "onwards", "onward");

    private TimeExpressions() {}

    /**
     * The first period named in a lower-case text, with "since X", "from X to Y" and "between X and Y" joined into one.
     */
    public static Optional<Found> find(String text, LocalDate asOf)
    {
        return find(text, asOf, FiscalYear.JULY);
    }

    public static Optional<Found> find(String text, LocalDate asOf, FiscalYear fiscal)
    {
        List<Found> found = findAll(text, asOf, fiscal);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Found first = found.getFirst();
        String before = text.substring(0, first.start());
        // "june through november" is a range without "from"; "june to november" stays two periods to compare
        boolean through = found.size() > 1 && THROUGH.matcher(text.substring(first.end(), found.get(1).start())).matches();
        if (found.size() > 1 && (BETWEEN.matcher(before).find() || through)) {
            Found second = found.get(1);
            if (RANGE_JOIN.matcher(text.substring(first.end(), second.start())).find() && !second.period().to().isBefore(first.period().from())) {
                Matcher between = BETWEEN.matcher(before);
                int start = between.find() ? between.start() : first.start();
                String words = text.substring(start, second.end());
                return Optional.of(new Found(Period.dates(first.period().from(), second.period().to(), words), start, second.end()));
            }
        }
        Matcher since = SINCE.matcher(before);
        int end = first.end();
        boolean sinceFound = since.find();
        Matcher onwards = ONWARDS.matcher(text.substring(first.end()));
        if (!sinceFound && onwards.find()) {
            since = FROM.matcher(before);
            sinceFound = since.find();
            end += onwards.end();
        }
        if (sinceFound && !first.period().isSprints() && !first.period().from().isAfter(asOf)) {
            String words = text.substring(since.start(), end);
            return Optional.of(new Found(Period.dates(first.period().from(), asOf, words), since.start(), end));
        }
        return Optional.of(first);
    }

    /**
     * Every period named in a lower-case text, in order, each as {@link #find} reads it.
     */
    public static List<Found> findEach(String text, LocalDate asOf)
    {
        return findEach(text, asOf, FiscalYear.JULY);
    }

    public static List<Found> findEach(String text, LocalDate asOf, FiscalYear fiscal)
    {
        List<Found> found = new ArrayList<>();
        String rest = text;
        for (Optional<Found> next = find(rest, asOf, fiscal); next.isPresent(); next = find(rest, asOf, fiscal)) {
            found.add(next.get());
            // blanked rather than cut, so the positions stay those of the text
            rest = rest.substring(0, next.get().start()) + " ".repeat(next.get().end() - next.get().start()) + rest.substring(next.get().end());
        }
        found.sort(Comparator.comparingInt(Found::start));
        // "last month vs the month before": the slice before the period named just ahead of it
        Matcher preceding = PRECEDING.matcher(text);
        while (preceding.find()) {
            int start = preceding.start();
            int end = preceding.end();
            String unit = preceding.group(1) != null ? preceding.group(1) : preceding.group(2);
            Optional<Period> before = found.stream().filter(earlier -> earlier.end() <= start).reduce((first, second) -> second)
                    .flatMap(earlier -> sliceBefore(earlier.period(), unit));
            if (before.isPresent()) {
                found.removeIf(other -> other.start() < end && other.end() > start);
                found.add(new Found(Period.dates(before.get().from(), before.get().to(), preceding.group()), start, end));
                found.sort(Comparator.comparingInt(Found::start));
            }
        }
        return found;
    }

    /**
     * The slice of the unit (said, or else the period's own) that ends the day before the period starts.
     */
    private static Optional<Period> sliceBefore(Period period, String unit)
    {
        if (period.isSprints() || period.isAllTime()) {
            return Optional.empty();
        }
        String words = period.words();
        String slice = unit != null ? unit
                : words.matches(".*\\b(?:quarter|qtr|q[1-4]|qtd)\\b.*") ? "quarter"
                : words.matches(".*\\b(?:year|yr|fy\\d*|ytd|fytd|\\d{4})\\b.*") && !words.matches(".*\\b(?:" + MONTHS + ")\\b.*") ? "year"
                : words.matches(".*\\b(?:month|mtd|" + MONTHS + ")\\b.*") ? "month"
                : words.matches(".*\\bweek\\b.*") ? "week"
                : null;
        if (slice == null) {
            return Optional.empty();
        }
        LocalDate to = period.from().minusDays(1);
        LocalDate from = switch (slice) {
            case "year" -> period.from().minusYears(1);
            case "quarter" -> period.from().minusMonths(3);
            case "month" -> period.from().minusMonths(1);
            default -> period.from().minusWeeks(1);
        };
        return Optional.of(Period.dates(from, to, words));
    }

    /**
     * A text that is nothing but a period, as in a plan.
     */
    public static Optional<Period> parse(String text, LocalDate asOf)
    {
        return parse(text, asOf, FiscalYear.JULY);
    }

    public static Optional<Period> parse(String text, LocalDate asOf, FiscalYear fiscal)
    {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher range = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\s*\\.\\.\\s*(\\d{4}-\\d{2}-\\d{2})").matcher(trimmed);
        if (range.matches()) {
            try {
                return Optional.of(Period.dates(LocalDate.parse(range.group(1)), LocalDate.parse(range.group(2)), trimmed));
            }
            catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return find(trimmed, asOf, fiscal).filter(found -> found.start() == 0 && found.end() == trimmed.length()).map(Found::period);
    }

    private static List<Found> findAll(String text, LocalDate asOf, FiscalYear fiscal)
    {
        List<Found> candidates = new ArrayList<>();
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(text);
            while (matcher.find()) {
                try {
                    candidates.add(new Found(rule.resolve().resolve(matcher, asOf, fiscal), matcher.start(), matcher.end()));
                }
                catch (RuntimeException e) {
                    // an impossible date such as 2025-13-40 is not a period
                }
            }
        }
        candidates.sort(Comparator.comparingInt(Found::start).thenComparing(Comparator.comparingInt((Found found) -> found.end() - found.start()).reversed()));
        List<Found> kept = new ArrayList<>();
        int end = -1;
        for (Found candidate : candidates) {
            if (candidate.start() >= end) {
                kept.add(candidate);
                end = candidate.end();
            }
        }
        return kept;
    }

    /**
     * "year to date", "the fiscal year so far", "so far this year", "ytd": the period from its start to the reference date.
     */
    private static String toDate(String period, String abbreviation)
    {
        // "since the start of the year", "from the beginning of this fiscal year" are to date as well
        return "(?:(?:(?:the|this|current)\\s+)?%s[- ]to[- ]date|(?:the|this|current)\\s+%s[- ]so[- ]far|%s|so[- ]far (?:this|in the|the) %s|(?:since|from) (?:the )?(?:start|beginning) of (?:the |this |our )?(?:current )?%s)"
                .formatted(period, period, abbreviation, period, period);
    }

    private static Rule rule(String regex, Resolver resolve)
    {
        return new Rule(Pattern.compile("\\b" + regex + "\\b"), resolve);
    }

    private static Period trailing(int count, String unit, LocalDate asOf, String words)
    {
        if (count < 1) {
            throw new IllegalArgumentException("no period");
        }
        return switch (unit) {
            case "sprint" -> new Period(asOf, asOf, count, words);
            case "day" -> Period.dates(asOf.minusDays(count - 1L), asOf, words);
            case "week" -> Period.dates(asOf.minusWeeks(count).plusDays(1), asOf, words);
            case "month" -> Period.dates(asOf.minusMonths(count).plusDays(1), asOf, words);
            case "quarter" -> Period.dates(asOf.minusMonths(3L * count).plusDays(1), asOf, words);
            default -> Period.dates(asOf.minusYears(count).plusDays(1), asOf, words);
        };
    }

    private static Period relative(String which, String unit, LocalDate asOf, FiscalYear fiscal, String words)
    {
        int shift = switch (which) {
            case "this", "current" -> 0;
            case "next" -> 1;
            default -> -1;
        };
        if (which.equals("past") && !unit.equals("sprint")) {
            return trailing(1, unit.replace("fiscal ", "").replace("qtr", "quarter").replace("fy", "year"), asOf, words);
        }
        return switch (unit) {
            // the sprints a table holds are the ones that ended: "next sprint" is not one of them, nor are its numbers
            case "sprint" -> {
                if (shift > 0) {
                    throw new IllegalArgumentException("no sprint to come is known");
                }
                yield new Period(asOf, asOf, 1, words);
            }
            case "week" -> {
                LocalDate monday = asOf.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(shift);
                yield Period.dates(monday, monday.plusDays(6), words);
            }
            case "month" -> month(YearMonth.from(asOf).plusMonths(shift), words);
            case "quarter", "qtr" -> {
                LocalDate start = quarterStart(asOf).plusMonths(3L * shift);
                yield Period.dates(start, start.plusMonths(3).minusDays(1), words);
            }
            case "fiscal quarter" -> {
                LocalDate start = fiscal.quarterStart(asOf).plusMonths(3L * shift);
                yield Period.dates(start, start.plusMonths(3).minusDays(1), words);
            }
            case "fiscal year", "fy" -> {
                LocalDate start = fiscal.startOf(asOf).plusYears(shift);
                yield Period.dates(start, start.plusYears(1).minusDays(1), words);
            }
            default -> Period.dates(LocalDate.of(asOf.getYear() + shift, 1, 1), LocalDate.of(asOf.getYear() + shift, 12, 31), words);
        };
    }

    private static Period quarter(int year, int quarter, String words)
    {
        LocalDate start = LocalDate.of(year, 3 * quarter - 2, 1);
        return Period.dates(start, start.plusMonths(3).minusDays(1), words);
    }

    private static Period latestQuarter(int quarter, LocalDate asOf, String words)
    {
        Period sameYear = quarter(asOf.getYear(), quarter, words);
        return sameYear.from().isAfter(asOf) ? quarter(asOf.getYear() - 1, quarter, words) : sameYear;
    }

    private static Period fiscalQuarter(FiscalYear fiscal, int fiscalYear, int quarter, String words)
    {
        LocalDate start = fiscal.firstDay(fiscalYear).plusMonths(3L * (quarter - 1));
        return Period.dates(start, start.plusMonths(3).minusDays(1), words);
    }

    private static Period half(Matcher m, LocalDate asOf)
    {
        boolean first = "first".equals(m.group(1)) || "1".equals(m.group(2));
        int year = m.group(3) == null ? asOf.getYear() : Integer.parseInt(m.group(3));
        LocalDate start = LocalDate.of(year, first ? 1 : 7, 1);
        return Period.dates(start, start.plusMonths(6).minusDays(1), m.group());
    }

    private static Period month(YearMonth month, String words)
    {
        return Period.dates(month.atDay(1), month.atEndOfMonth(), words);
    }

    private static LocalDate quarterStart(LocalDate date)
    {
        return date.with(IsoFields.DAY_OF_QUARTER, 1);
    }

    private static int ordinal(String word)
    {
        return switch (word) {
            case "first", "1st" -> 1;
            case "second", "2nd" -> 2;
            case "third", "3rd" -> 3;
            default -> 4;
        };
    }

    private static int year(String digits)
    {
        int year = Integer.parseInt(digits);
        return year < 100 ? 2000 + year : year;
    }

    private static int number(String text)
    {
        return NUMBER_WORDS.getOrDefault(text, text.chars().allMatch(Character::isDigit) ? Integer.parseInt(text) : 0);
    }

    private static Month monthOf(String name)
    {
        for (Month month : Month.values()) {
            String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (full.equals(name) || full.startsWith(name) && name.length() >= 3) {
                return month;
            }
        }
        throw new IllegalArgumentException("not a month: " + name);
    }
}
