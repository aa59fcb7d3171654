package dev.trinoai.core.time;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.Month;

import static org.assertj.core.api.Assertions.assertThat;

final class TestTimeExpressions
{
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);

    @Test
    void relativePeriodsResolveAgainstTheReferenceDate()
    {
        assertPeriod("which programs are over budget this quarter?", "2026-10-01", "2026-12-31", "this quarter");
        assertPeriod("spend last quarter", "2026-07-01", "2026-09-30", "last quarter");
        assertPeriod("incidents last month by team", "2026-10-01", "2026-10-31", "last month");
        assertPeriod("spend year to date", "2026-01-01", "2026-11-25", "year to date");
        assertPeriod("ytd spend", "2026-01-01", "2026-11-25", "ytd");
        assertPeriod("mttr last year", "2025-01-01", "2025-12-31", "last year");
        assertPeriod("velocity this week", "2026-11-23", "2026-11-29", "this week");
        assertPeriod("incidents in the last 30 days", "2026-10-27", "2026-11-25", "in the last 30 days");
        assertPeriod("spend over the last three months", "2026-08-26", "2026-11-25", "over the last three months");
        assertPeriod("this fiscal year", "2026-07-01", "2027-06-30", "this fiscal year");
    }

    @Test
    void fiscalPeriodsFollowTheDomainsFiscalYear()
    {
        FiscalYear october = new FiscalYear(Month.OCTOBER);
        assertFiscal(october, "fytd", "2026-10-01", "2026-11-25");
        assertFiscal(october, "last fiscal year", "2025-10-01", "2026-09-30");
        assertFiscal(october, "FY2026", "2025-10-01", "2026-09-30");
        assertFiscal(october, "FY26 Q2", "2026-01-01", "2026-03-31");
        assertFiscal(october, "the second half of this fiscal year", "2027-04-01", "2027-09-30");
        FiscalYear february = new FiscalYear(Month.FEBRUARY);
        assertFiscal(february, "this fiscal quarter", "2026-11-01", "2027-01-31");
        FiscalYear january = new FiscalYear(Month.JANUARY);
        assertFiscal(january, "FY2026", "2026-01-01", "2026-12-31");
        assertFiscal(january, "this fiscal year", "2026-01-01", "2026-12-31");
        assertThat(new FiscalYear(Month.OCTOBER).of(LocalDate.of(2026, 10, 1))).isEqualTo(2027);
        assertThat(new FiscalYear(Month.OCTOBER).quarterOf(LocalDate.of(2026, 12, 31))).isEqualTo(1);
    }

    private static void assertFiscal(FiscalYear fiscal, String text, String from, String to)
    {
        Period period = TimeExpressions.parse(text, AS_OF, fiscal).orElseThrow(() -> new AssertionError("no period in: " + text));
        assertThat(period.from()).as(text).isEqualTo(LocalDate.parse(from));
        assertThat(period.to()).as(text).isEqualTo(LocalDate.parse(to));
    }

    @Test
    void namedPeriods()
    {
        assertPeriod("spend in q3 2025", "2025-07-01", "2025-09-30", "q3 2025");
        assertPeriod("spend in 2025-q3", "2025-07-01", "2025-09-30", "2025-q3");
        assertPeriod("spend in q4", "2026-10-01", "2026-12-31", "q4");
        assertPeriod("spend in fy2026 q1", "2025-07-01", "2025-09-30", "fy2026 q1");
        assertPeriod("spend in fy26", "2025-07-01", "2026-06-30", "fy26");
        assertPeriod("incidents in march 2026", "2026-03-01", "2026-03-31", "march 2026");
        assertPeriod("incidents in december", "2025-12-01", "2025-12-31", "december");
        assertPeriod("incidents in 2025", "2025-01-01", "2025-12-31", "2025");
        assertPeriod("h1 2026 spend", "2026-01-01", "2026-06-30", "h1 2026");
        assertPeriod("mttr during fiscal 2026", "2025-07-01", "2026-06-30", "fiscal 2026");
        assertPeriod("for the fiscal year that ended in june 2026, what was spend", "2025-07-01", "2026-06-30", "the fiscal year that ended in june 2026");
        assertPeriod("spend in the fiscal year ending december 2026", "2026-07-01", "2027-06-30", "the fiscal year ending december 2026");
        // a year closing the question is its period
        assertPeriod("apollo on time milestone % 2025", "2025-01-01", "2025-12-31", "2025");
    }

    @Test
    void rangesAndSince()
    {
        assertPeriod("incidents since march", "2026-03-01", "2026-11-25", "since march");
        assertPeriod("spend since q2 2025", "2025-04-01", "2026-11-25", "since q2 2025");
        assertPeriod("spend between january and march 2026", "2026-01-01", "2026-03-31", "between january and march 2026");
        assertPeriod("spend from 2026-02-01 to 2026-04-15", "2026-02-01", "2026-04-15", "from 2026-02-01 to 2026-04-15");
        // "from" alone names the period itself; with "onwards" it runs to the reference date
        assertPeriod("incidents from last week", "2026-11-16", "2026-11-22", "last week");
        assertPeriod("spend from march onwards", "2026-03-01", "2026-11-25", "from march onwards");
        assertPeriod("june thru november spend", "2026-06-01", "2026-11-30", "june thru november");
        assertPeriod("spend since the start of the fiscal year", "2026-07-01", "2026-11-25", "since the start of the fiscal year");
        assertPeriod("incidents from the beginning of this quarter", "2026-10-01", "2026-11-25", "from the beginning of this quarter");
        assertPeriod("milestones due in the next 30 days", "2026-11-26", "2026-12-25", "the next 30 days");
        assertPeriod("incidents in the past fortnight", "2026-11-12", "2026-11-25", "the past fortnight");
        assertPeriod("spend in the first quarter of this fiscal year", "2026-07-01", "2026-09-30", "the first quarter of this fiscal year");
        assertPeriod("mttr in the second half of fy26", "2026-01-01", "2026-06-30", "the second half of fy26");
        assertPeriod("forecast for the rest of this fiscal year", "2026-11-26", "2027-06-30", "the rest of this fiscal year");
    }

    @Test
    void theSliceBeforeIsReadAgainstThePeriodNamedAheadOfIt()
    {
        assertSlices("spend last month vs the month before", "2026-10-01..2026-10-31", "2026-09-01..2026-09-30");
        assertSlices("mttr last quarter vs the quarter before", "2026-07-01..2026-09-30", "2026-04-01..2026-06-30");
        assertSlices("incidents in july compared to the previous month", "2026-07-01..2026-07-31", "2026-06-01..2026-06-30");
        assertSlices("spend this quarter so far and the one before", "2026-10-01..2026-11-25", "2026-07-01..2026-09-30");
        assertSlices("velocity last year against the year prior", "2025-01-01..2025-12-31", "2024-01-01..2024-12-31");
        // alone it is the slice before the reference date's, as "last month" is
        assertSlices("spend the previous month", "2026-10-01..2026-10-31");
    }

    private static void assertSlices(String text, String... expected)
    {
        assertThat(TimeExpressions.findEach(text, AS_OF)).as(text)
                .extracting(found -> found.period().from() + ".." + found.period().to())
                .containsExactly(expected);
    }

    @Test
    void sprints()
    {
        // only sprints that ended are known: none to come
        assertThat(TimeExpressions.find("velocity next sprint", AS_OF)).isEmpty();
        Period period = TimeExpressions.find("velocity over the last 3 sprints", AS_OF).orElseThrow().period();
        assertThat(period.isSprints()).isTrue();
        assertThat(period.lastSprints()).isEqualTo(3);
        assertThat(TimeExpressions.find("velocity last sprint", AS_OF).orElseThrow().period().lastSprints()).isEqualTo(1);
    }

    @Test
    void wordsThatAreNotPeriods()
    {
        assertThat(TimeExpressions.find("which programs may slip?", AS_OF)).isEmpty();
        assertThat(TimeExpressions.find("more than 2000 incidents", AS_OF)).isEmpty();
        assertThat(TimeExpressions.find("programs with more than 2025", AS_OF)).isEmpty();
        assertThat(TimeExpressions.find("programs that spent over $2025", AS_OF)).isEmpty();
        assertThat(TimeExpressions.find("top 5 teams by mttr", AS_OF)).isEmpty();
        assertThat(TimeExpressions.parse("sometime soon", AS_OF)).isEmpty();
        assertThat(TimeExpressions.parse("this quarter", AS_OF)).isPresent();
        assertThat(TimeExpressions.parse("2026-01-01..2026-03-31", AS_OF).orElseThrow().to()).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    private static void assertPeriod(String question, String from, String to, String words)
    {
        TimeExpressions.Found found = TimeExpressions.find(question, AS_OF).orElseThrow(() -> new AssertionError("no period in: " + question));
        assertThat(found.period().from()).as(question).isEqualTo(LocalDate.parse(from));
        assertThat(found.period().to()).as(question).isEqualTo(LocalDate.parse(to));
        assertThat(found.period().words()).as(question).isEqualTo(words);
    }

    @Test
    void periodsToDateAreSaidInManyWays()
    {
        LocalDate asOf = LocalDate.of(2026, 12, 7);
        for (String words : java.util.List.of("year to date", "this calendar year so far", "so far this year", "ytd", "the year to date")) {
            assertThat(TimeExpressions.parse(words, asOf)).as(words).hasValueSatisfying(period -> assertThat(period.from()).isEqualTo(LocalDate.of(2026, 1, 1)));
        }
        for (String words : java.util.List.of("the fiscal year so far", "fiscal year to date", "fytd", "so far this fiscal year", "this fiscal yr so far")) {
            assertThat(TimeExpressions.parse(words, asOf)).as(words).hasValueSatisfying(period -> assertThat(period.from()).isEqualTo(LocalDate.of(2026, 7, 1)));
        }
        assertThat(TimeExpressions.parse("the previous calendar quarter", asOf)).hasValueSatisfying(period -> assertThat(period.from()).isEqualTo(LocalDate.of(2026, 7, 1)));
        assertThat(TimeExpressions.parse("this yr", asOf)).hasValueSatisfying(period -> assertThat(period.to()).isEqualTo(LocalDate.of(2026, 12, 31)));
        assertThat(TimeExpressions.parse("all time", asOf)).hasValueSatisfying(period -> assertThat(period.isAllTime()).isTrue());
    }
}
