package dev.trinoai.jobs.sample;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import static java.util.Objects.requireNonNull;

/**
 * {@code milestones.csv}: the lifecycle milestones of every project, at most four months apart, the last one on the
 * planned end date. A project that is behind schedule finishes its milestones since the trouble began weeks late, or
 * has not finished them; their notes say why.
 */
final class Milestones
{
    static final String FILE = "milestones.csv";
    static final List<String> COLUMNS = List.of("milestone_id", "project_id", "name", "due_date", "completed_date", "status", "note");
    // the deliberately flawed row, by its number
    static final int AMERICAN_DATE_ROW = 17;
    private static final DateTimeFormatter AMERICAN_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.ROOT);

    private static final List<String> STAGES = List.of(
            "Discovery complete", "Business case approved", "Architecture sign-off", "Vendor contract signed", "Design system ready", "MVP in staging",
            "Security review passed", "Data migration dry run", "Pilot launch", "Performance test passed", "Beta with first customers",
            "User acceptance testing complete", "Operational readiness review", "Support training complete", "Cut-over rehearsal");
    private static final String LAST_STAGE = "General availability";

    private static final List<String> DONE = List.of(
            "Signed off by {person}.",
            "Completed on schedule; the demo was recorded for stakeholders.",
            "Accepted by the steering committee.",
            "Done, with no open defects above P3.",
            "Completed as planned after a smooth review with {person}.");
    private static final List<String> DONE_EARLY = List.of(
            "Delivered {early} days ahead of the due date.",
            "Finished {early} days early; {person} signed it off the same week.");
    private static final List<String> SLIGHTLY_LATE = List.of(
            "Closed {lateDays} days late after an extra review round with {person}.",
            "Slipped {lateDays} days waiting for final sign-off; no impact on later milestones.");
    private static final List<String> UPCOMING = List.of(
            "On track.",
            "On track; {person} confirmed the date at the last steering meeting.",
            "Planning is complete and work starts next sprint.",
            "Dependencies confirmed; no concerns raised.",
            "Scheduled; the test plan is under review.");
    private static final List<String> UPCOMING_OVER_BUDGET = List.of(
            "On track for the date, although spend is running {pct} above plan.",
            "The date holds; the cost overrun since {sinceMonth} is tracked on the risk register.");
    private static final List<String> LATE = List.of(
            "Completed {late} weeks late because {reason}.",
            "Signed off {late} weeks after the due date; {reason}.",
            "Late by {late} weeks: {reason}.");
    private static final List<String> MISSED = List.of(
            "Overdue by {overdue} weeks because {reason}. New target date: {newDate}.",
            "Not done yet: {reason}. The team now expects it in {newMonth}.",
            "Missed because {reason}. {owner} is re-planning the remaining milestones.");
    private static final List<String> SLIPPING = List.of(
            "At risk: likely {weeks} weeks late because {reason}.",
            "Expected to slip about {weeks} weeks; {reason}.");
    private static final List<String> PAUSED = List.of(
            "On hold while {program} is paused pending the portfolio funding review.",
            "Paused with the rest of {program} since {pausedSince}; no work is scheduled.");

    private final Dataset dataset;

    Milestones(Dataset dataset)
    {
        this.dataset = requireNonNull(dataset, "dataset is null");
    }

    void write(TableFile file)
    {
        for (Project project : dataset.projects()) {
            Dice dice = dataset.dice("milestones", project.index());
            long days = ChronoUnit.DAYS.between(project.start(), project.plannedEnd());
            int count = (int) Math.max(3, Math.ceilDiv(ChronoUnit.MONTHS.between(project.startMonth(), project.endMonth()) + 1, 4));
            List<Integer> stages = new ArrayList<>(IntStream.range(0, STAGES.size()).boxed().toList());
            for (int i = 0; i < count - 1; i++) {
                stages.set(i, stages.set(dice.between(i, stages.size() - 1), stages.get(i)));
            }
            List<Integer> chosen = stages.subList(0, count - 1).stream().sorted().toList();
            for (int i = 0; i < count; i++) {
                boolean last = i == count - 1;
                LocalDate due = last ? project.plannedEnd() : project.start().plusDays(days * (i + 1) / count + dice.between(-7, 7));
                write(file, project, last ? LAST_STAGE : STAGES.get(chosen.get(i)), due, dice);
            }
        }
    }

    private void write(TableFile file, Project project, String name, LocalDate due, Dice dice)
    {
        LocalDate asOf = dataset.asOf();
        Map<String, String> slots = new HashMap<>(project.trouble().map(Trouble::slots).orElse(Map.of()));
        slots.put("person", dataset.person(dice));
        slots.put("program", project.program().name());
        slots.put("owner", project.owner());
        project.pausedSince().ifPresent(month -> slots.put("pausedSince", Text.monthYear(month)));
        project.trouble().filter(Trouble::behindSchedule).ifPresent(trouble -> slots.put("reason", trouble.text(dice.pick(Stories.of(trouble.cause()).reasons()))));

        boolean slipping = project.trouble().filter(trouble -> trouble.behindSchedule() && !due.isBefore(trouble.since().atDay(1))).isPresent();
        LocalDate completed = null;
        String status;
        String note;
        if (project.pausedSince().isPresent() && !YearMonth.from(due).isBefore(project.pausedSince().get())) {
            status = due.isAfter(asOf) ? "upcoming" : "missed";
            note = dice.pick(PAUSED);
        }
        else if (due.isAfter(asOf)) {
            status = "upcoming";
            if (slipping) {
                note = dice.pick(SLIPPING);
            }
            else {
                note = dice.pick(project.overBudget() && dice.chance(0.5) ? UPCOMING_OVER_BUDGET : UPCOMING);
            }
        }
        else if (slipping) {
            LocalDate done = due.plusDays(project.trouble().orElseThrow().slipWeeks() * 7L + dice.between(-5, 5));
            slots.put("late", Long.toString(Math.round(ChronoUnit.DAYS.between(due, done) / 7.0)));
            if (done.isAfter(asOf)) {
                status = "missed";
                slots.put("overdue", Long.toString(Math.max(1, Math.round(ChronoUnit.DAYS.between(due, asOf) / 7.0))));
                slots.put("newDate", done.toString());
                slots.put("newMonth", Text.monthYear(YearMonth.from(done)));
                note = dice.pick(MISSED);
            }
            else {
                status = "late";
                completed = done;
                note = dice.pick(LATE);
            }
        }
        else if (dice.chance(0.08) && due.plusDays(6).isBefore(asOf)) {
            int lateDays = dice.between(2, 6);
            status = "late";
            completed = due.plusDays(lateDays);
            slots.put("lateDays", Integer.toString(lateDays));
            note = dice.pick(SLIGHTLY_LATE);
        }
        else {
            int early = dice.between(0, 10);
            status = "done";
            completed = due.minusDays(early);
            slots.put("early", Integer.toString(early));
            note = dice.pick(early >= 3 ? DONE_EARLY : DONE);
        }
        int row = file.rows() + 1;
        file.write(
                "MS-%04d".formatted(row),
                project.id(),
                name,
                row == AMERICAN_DATE_ROW ? AMERICAN_DATE.format(due) : due.toString(),
                completed,
                status,
                Text.fill(note, slots));
    }
}
