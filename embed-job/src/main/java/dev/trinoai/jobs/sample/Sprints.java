package dev.trinoai.jobs.sample;

import java.time.LocalDate;
import java.time.Month;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code sprints.csv}: every team's finished two-week sprints over the history window, in date order, each on one of
 * its program's running projects. A team completes most of what it commits to, less while its project is slipping,
 * and less is committed over the holidays.
 */
final class Sprints
{
    static final String FILE = "sprints.csv";
    static final List<String> COLUMNS = List.of("sprint_id", "team_id", "project_id", "name", "start_date", "end_date", "committed_points", "completed_points");
    // the deliberately flawed rows, by their numbers
    static final int EUROPEAN_DATE_ROW = 40;
    static final int MISSING_TEAM_ROW = 75;
    private static final DateTimeFormatter EUROPEAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.ROOT);

    private final Dataset dataset;

    Sprints(Dataset dataset)
    {
        this.dataset = requireNonNull(dataset, "dataset is null");
    }

    void write(TableFile file)
    {
        Dice dice = dataset.dice("sprints", 0);
        for (int sprint = 0; !dataset.historyStart().plusDays((long) sprint * Dataset.SPRINT_DAYS).isAfter(dataset.asOf()); sprint++) {
            for (Team team : dataset.teams()) {
                LocalDate start = dataset.historyStart().plusDays((long) sprint * Dataset.SPRINT_DAYS + team.sprintOffsetDays());
                LocalDate end = start.plusDays(Dataset.SPRINT_DAYS - 1);
                if (end.isAfter(dataset.asOf())) {
                    continue;
                }
                // a team without a running project in its program (before its first one started, or while the program is paused) does not run sprints
                Optional<Project> project = dataset.focus(team, start);
                if (project.isEmpty()) {
                    continue;
                }
                double capacity = team.headcount() * team.pointsPerHead() * dice.uniform(0.85, 1.1) * (overHolidays(start, end) ? 0.6 : 1);
                int committed = (int) Math.round(capacity);
                int completed = (int) Math.round(committed * completion(project.get(), start, dice));
                int row = file.rows() + 1;
                Object[] values = {
                        "SPR-%06d".formatted(row),
                        team.id(),
                        project.get().id(),
                        team.name() + " Sprint " + (team.firstSprintNumber() + sprint),
                        row == EUROPEAN_DATE_ROW ? EUROPEAN_DATE.format(start) : start.toString(),
                        end.toString(),
                        committed,
                        completed};
                if (row == MISSING_TEAM_ROW) {
                    file.writeOmitting("team_id", values);
                }
                else {
                    file.write(values);
                }
            }
        }
    }

    private static double completion(Project project, LocalDate start, Dice dice)
    {
        boolean slipping = project.trouble()
                .filter(trouble -> trouble.behindSchedule() && !start.isBefore(trouble.since().atDay(1)))
                .isPresent();
        if (slipping) {
            return dice.uniform(0.5, 0.78);
        }
        // mostly a little under the commitment, now and then over it
        return Math.clamp(0.9 + 0.07 * dice.gaussian(), 0.6, 1.2);
    }

    private static boolean overHolidays(LocalDate start, LocalDate end)
    {
        return start.datesUntil(end.plusDays(1)).anyMatch(day -> day.getMonth() == Month.DECEMBER && day.getDayOfMonth() >= 24 || day.getDayOfYear() == 1);
    }
}
