package dev.trinoai.jobs.sample;

import dev.trinoai.jobs.sample.Catalog.ProgramSpec;
import dev.trinoai.jobs.sample.Catalog.TeamSpec;
import dev.trinoai.jobs.sample.Program.Standing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The sample company: programs, projects and teams with their hidden health, drawn from the seed. It is small (tens
 * of thousands of entities at most) and held in memory; the facts derived from it are streamed to the files.
 */
final class Dataset
{
    static final int SPRINT_DAYS = 14;
    // a team stays on the same project for this many sprints before it may move
    private static final int SPRINTS_PER_FOCUS = 3;

    private final long seed;
    private final LocalDate asOf;
    private final LocalDate historyStart;
    private final List<String> people;
    private final List<Program> programs;
    private final List<Team> teams;
    private final List<Project> projects;
    private final List<List<List<Project>>> activeByProgramAndSprint;

    private record Draft(int index, int program, String name, String owner, LocalDate start, LocalDate plannedEnd, long budgetUsd)
    {
        YearMonth startMonth()
        {
            return YearMonth.from(start);
        }

        long months()
        {
            return ChronoUnit.MONTHS.between(startMonth(), YearMonth.from(plannedEnd)) + 1;
        }
    }

    Dataset(long seed, LocalDate asOf, int scale)
    {
        this.seed = seed;
        this.asOf = requireNonNull(asOf, "asOf is null");
        this.historyStart = asOf.minusYears(3);
        this.people = people(scale);
        List<Draft> drafts = drafts(scale);
        this.programs = programs(drafts);
        this.teams = teams(scale);
        this.projects = projects(drafts);
        this.activeByProgramAndSprint = activeByProgramAndSprint();
    }

    LocalDate asOf()
    {
        return asOf;
    }

    YearMonth asOfMonth()
    {
        return YearMonth.from(asOf);
    }

    LocalDate historyStart()
    {
        return historyStart;
    }

    List<Program> programs()
    {
        return programs;
    }

    List<Team> teams()
    {
        return teams;
    }

    List<Project> projects()
    {
        return projects;
    }

    Dice dice(String purpose, long index)
    {
        return Dice.of(seed, purpose, index);
    }

    String person(Dice dice)
    {
        return dice.pick(people);
    }

    /**
     * The project a team works on at a date, if its program has one running: teams stay on a project for a few sprints,
     * then move to another of their program's running projects.
     */
    Optional<Project> focus(Team team, LocalDate date)
    {
        int sprint = Math.clamp(ChronoUnit.DAYS.between(historyStart, date) / SPRINT_DAYS, 0, activeByProgramAndSprint.getFirst().size() - 1);
        List<Project> active = activeByProgramAndSprint.get(team.program().index()).get(sprint);
        if (active.isEmpty()) {
            return Optional.empty();
        }
        long choice = Dice.mix(Dice.mix(seed + team.index()) + sprint / SPRINTS_PER_FOCUS);
        return Optional.of(active.get(Math.floorMod(choice, active.size())));
    }

    private List<String> people(int scale)
    {
        List<String> everyone = new ArrayList<>();
        for (String last : Catalog.LAST_NAMES) {
            for (String first : Catalog.FIRST_NAMES) {
                everyone.add(first + " " + last);
            }
        }
        shuffle(everyone, dice("people", 0));
        // a company of this size has a few dozen people who own and lead things; more when the company is scaled up
        return List.copyOf(everyone.subList(0, Math.min(everyone.size(), 60 * scale)));
    }

    /**
     * Each project's timeline and budget. The first project of every program is still running and started long enough
     * ago to show a trend, so every program has something to report on this quarter.
     */
    private List<Draft> drafts(int scale)
    {
        YearMonth now = asOfMonth();
        YearMonth earliest = YearMonth.from(historyStart).plusMonths(1);
        List<Draft> drafts = new ArrayList<>();
        for (int copy = 1; copy <= scale; copy++) {
            for (int program = 0; program < Catalog.PROGRAMS.size(); program++) {
                ProgramSpec spec = Catalog.PROGRAMS.get(program);
                for (int stem = 0; stem < spec.projects().size(); stem++) {
                    int index = drafts.size();
                    Dice dice = dice("project", index);
                    boolean anchor = stem == 0;
                    YearMonth startMonth;
                    YearMonth endMonth;
                    if (anchor) {
                        startMonth = now.minusMonths(dice.between(12, 24));
                        endMonth = now.plusMonths(dice.between(3, 14));
                    }
                    else if (dice.chance(0.62)) {
                        startMonth = now.minusMonths(dice.between(2, 26));
                        endMonth = now.plusMonths(dice.between(2, 16));
                    }
                    else {
                        startMonth = earliest.plusMonths(dice.between(0, 12));
                        endMonth = startMonth.plusMonths(dice.between(8, 20));
                    }
                    double monthlyRate = anchor ? dice.uniform(180_000, 600_000) : Math.exp(dice.uniform(Math.log(40_000), Math.log(400_000)));
                    long months = ChronoUnit.MONTHS.between(startMonth, endMonth);
                    long budget = Math.round(monthlyRate * months / 10_000) * 10_000;
                    String name = copy == 1 ? spec.projects().get(stem) : "%s %s %d".formatted(spec.name(), spec.projects().get(stem).replace(",", ""), copy);
                    drafts.add(new Draft(index, program, name, person(dice), startMonth.atDay(dice.between(1, 28)), endMonth.atDay(dice.between(1, 28)), budget));
                }
            }
        }
        return drafts;
    }

    private List<Program> programs(List<Draft> drafts)
    {
        List<Standing> standings = new ArrayList<>(List.of(Standing.OVER_BUDGET_ONE_CAUSE, Standing.OVER_BUDGET, Standing.OVER_BUDGET, Standing.OVER_BUDGET,
                Standing.PAUSED, Standing.BEHIND_SCHEDULE));
        while (standings.size() < Catalog.PROGRAMS.size()) {
            standings.add(Standing.ON_TRACK);
        }
        shuffle(standings, dice("standings", 0));
        List<Program> programs = new ArrayList<>();
        for (int index = 0; index < Catalog.PROGRAMS.size(); index++) {
            int program = index;
            Dice dice = dice("program", index);
            LocalDate firstProject = drafts.stream().filter(draft -> draft.program() == program).map(Draft::start).min(Comparator.naturalOrder()).orElseThrow();
            LocalDate start = firstProject.minusMonths(dice.between(1, 4)).withDayOfMonth(1);
            programs.add(new Program(index, "PRG-%02d".formatted(index + 1), Catalog.PROGRAMS.get(index), person(dice), start, standings.get(index)));
        }
        return List.copyOf(programs);
    }

    private List<Team> teams(int scale)
    {
        int count = Catalog.TEAMS.size() * scale;
        int slowest = dice("slowest-team", 0).between(0, count - 1);
        List<Team> teams = new ArrayList<>();
        for (int copy = 1; copy <= scale; copy++) {
            for (TeamSpec spec : Catalog.TEAMS) {
                int index = teams.size();
                Dice dice = dice("team", index);
                Program program = programs.stream().filter(candidate -> candidate.name().equals(spec.program())).findFirst().orElseThrow();
                String suffix = copy == 1 ? "" : "-" + copy;
                String name = copy == 1 ? spec.name() : spec.name().replace(",", "") + " " + copy;
                List<String> services = spec.services().stream().map(service -> service + suffix).toList();
                double mttrFactor = index == slowest ? 2.6 : dice.uniform(0.6, 1.5);
                teams.add(new Team(index, "TEAM-%02d".formatted(index + 1), name, program, person(dice), dice.between(4, 12), services, mttrFactor,
                        dice.uniform(0.08, 0.19), dice.between(1, 40), dice.between(0, SPRINT_DAYS - 1), dice.uniform(4.5, 7.5)));
            }
        }
        return List.copyOf(teams);
    }

    private List<Project> projects(List<Draft> drafts)
    {
        Project[] projects = new Project[drafts.size()];
        for (Program program : programs) {
            Dice dice = dice("health", program.index());
            Cause programCause = dice.pick(Cause.BUDGET_CAUSES);
            YearMonth pausedSince = asOfMonth().minusMonths(dice.between(2, 4));
            List<Draft> own = drafts.stream().filter(draft -> draft.program() == program.index()).toList();
            // only projects old enough to have a trend of two quarters can carry a story
            List<Draft> eligible = own.stream()
                    .filter(draft -> !draft.plannedEnd().isBefore(asOf) && !draft.startMonth().isAfter(asOfMonth().minusMonths(9)))
                    .sorted(Comparator.comparingLong(Draft::budgetUsd).reversed().thenComparingInt(Draft::index))
                    .toList();
            for (Draft draft : own) {
                boolean largest = draft.equals(eligible.getFirst());
                Optional<Trouble> trouble = Optional.empty();
                if (eligible.contains(draft)) {
                    trouble = switch (program.standing()) {
                        case OVER_BUDGET_ONE_CAUSE -> Optional.of(trouble(draft, programCause, true, programCause.delaysWork() && dice.chance(0.35), dice,
                                dice("program-story", program.index())));
                        case OVER_BUDGET -> largest || dice.chance(0.5) ? overBudget(draft, dice) : Optional.empty();
                        case BEHIND_SCHEDULE -> largest || dice.chance(0.2) ? behindSchedule(draft, dice) : Optional.empty();
                        case ON_TRACK -> dice.chance(0.15) ? behindSchedule(draft, dice) : Optional.empty();
                        case PAUSED -> Optional.empty();
                    };
                }
                boolean paused = program.standing() == Standing.PAUSED && !draft.plannedEnd().isBefore(asOf);
                projects[draft.index()] = project(draft, program, trouble, paused ? Optional.of(pausedSince) : Optional.empty());
            }
        }
        return List.of(projects);
    }

    private Optional<Trouble> overBudget(Draft draft, Dice dice)
    {
        Cause cause = dice.pick(Cause.BUDGET_CAUSES);
        return Optional.of(trouble(draft, cause, true, cause.delaysWork() && dice.chance(0.35), dice, dice("project-story", draft.index())));
    }

    private Optional<Trouble> behindSchedule(Draft draft, Dice dice)
    {
        return Optional.of(trouble(draft, dice.pick(Cause.SCHEDULE_CAUSES), false, true, dice, dice("project-story", draft.index())));
    }

    /**
     * @param story draws the culprits; a program whose overruns share one cause passes the same story to all of them
     */
    private Trouble trouble(Draft draft, Cause cause, boolean overBudget, boolean behindSchedule, Dice dice, Dice story)
    {
        YearMonth drawn = asOfMonth().minusMonths(dice.between(6, 9));
        YearMonth since = drawn.isBefore(draft.startMonth().plusMonths(3)) ? draft.startMonth().plusMonths(3) : drawn;
        int overrunPercent = overBudget ? dice.between(15, 38) : 0;
        int slipWeeks = dice.between(3, 10);
        double overrun = overrunPercent / 100.0;
        long monthsLeft = ChronoUnit.MONTHS.between(since, YearMonth.from(draft.plannedEnd())) + 1;

        Map<String, String> slots = new HashMap<>();
        slots.put("project", draft.name());
        slots.put("program", Catalog.PROGRAMS.get(draft.program()).name());
        slots.put("owner", draft.owner());
        slots.put("since", Text.monthYear(since));
        slots.put("sinceMonth", Text.monthName(since.getMonth()));
        slots.put("pct", overrunPercent + "%");
        slots.put("weeks", Integer.toString(slipWeeks));
        slots.put("monthlyOver", Text.roundDollars(overrun * draft.budgetUsd() / draft.months()));
        slots.put("eacOver", Text.roundDollars(overrun * draft.budgetUsd() * monthsLeft / draft.months()));
        slots.put("vendor", story.pick(Catalog.VENDORS));
        slots.put("component", story.pick(Catalog.COMPONENTS));
        slots.put("scope", story.pick(Catalog.SCOPE_ITEMS));
        slots.put("sponsor", person(story));
        slots.put("changeRequest", "CR-" + story.between(100, 480));
        slots.put("points", Integer.toString(story.between(8, 24) * 10));
        slots.put("role", story.pick(Catalog.ROLES));
        slots.put("leavers", story.pick(List.of("Two", "Three", "Four")));
        slots.put("contractorRate", Text.dollars(story.between(95, 140) * 10L));
        slots.put("budgetRate", Text.dollars(story.between(68, 85) * 10L));
        slots.put("cloudService", story.pick(Catalog.CLOUD_SERVICES));
        slots.put("cloudReason", story.pick(Catalog.CLOUD_REASONS));
        slots.put("product", story.pick(Catalog.LICENSED_PRODUCTS));
        int licensedSeats = story.between(10, 40) * 10;
        slots.put("licensedSeats", Integer.toString(licensedSeats));
        slots.put("seats", Integer.toString(licensedSeats + story.between(4, 20) * 10));
        slots.put("team", story.pick(teams.stream().filter(team -> team.program().index() != draft.program()).toList()).name());
        slots.put("deliverable", story.pick(Catalog.DELIVERABLES));
        return new Trouble(cause, overBudget, behindSchedule, since, overrunPercent, slipWeeks, slots);
    }

    private Project project(Draft draft, Program program, Optional<Trouble> trouble, Optional<YearMonth> pausedSince)
    {
        Dice dice = dice("plan", draft.index());
        Optional<Cause> cause = trouble.filter(Trouble::overBudget).map(Trouble::cause);
        Map<Category, Double> raw = new EnumMap<>(Category.class);
        raw.put(Category.LABOR, dice.uniform(0.5, 0.65));
        raw.put(Category.VENDOR, dice.uniform(0.12, 0.25));
        raw.put(Category.CLOUD, dice.uniform(0.08, 0.18));
        if (dice.chance(0.35) || cause.equals(Optional.of(Cause.LICENCE_TRUE_UP))) {
            raw.put(Category.LICENSES, dice.uniform(0.05, 0.1));
        }
        // the category a cause inflates is a big line of that project's budget, or the overrun would be implausibly many times the plan
        cause.map(Cause::mainCategory).ifPresent(category -> raw.computeIfPresent(category, (_, share) -> share * 2));
        double total = raw.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<Category, Double> shares = new EnumMap<>(Category.class);
        raw.forEach((category, share) -> shares.put(category, share / total));
        double efficiency = trouble.isPresent() ? dice.uniform(0.96, 1.0) : dice.uniform(0.9, 1.0);
        return new Project(draft.index(), "PRJ-%04d".formatted(draft.index() + 1), draft.name(), program, draft.owner(), draft.start(), draft.plannedEnd(),
                draft.budgetUsd(), shares, dice.between(0, Integer.MAX_VALUE - 1), efficiency, trouble, pausedSince);
    }

    private List<List<List<Project>>> activeByProgramAndSprint()
    {
        int sprints = (int) (ChronoUnit.DAYS.between(historyStart, asOf) / SPRINT_DAYS) + 1;
        List<List<List<Project>>> active = new ArrayList<>();
        for (Program program : programs) {
            List<Project> own = projects.stream().filter(project -> project.program().equals(program)).toList();
            List<List<Project>> bySprint = new ArrayList<>();
            for (int sprint = 0; sprint < sprints; sprint++) {
                LocalDate middle = historyStart.plusDays((long) sprint * SPRINT_DAYS + SPRINT_DAYS / 2);
                bySprint.add(own.stream().filter(project -> project.activeAt(middle)).toList());
            }
            active.add(bySprint);
        }
        return active;
    }

    private static <T> void shuffle(List<T> values, Dice dice)
    {
        for (int i = values.size() - 1; i > 0; i--) {
            int j = dice.between(0, i);
            T value = values.get(i);
            values.set(i, values.get(j));
            values.set(j, value);
        }
    }
}
