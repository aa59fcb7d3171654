package dev.trinoai.jobs.sample;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code risks.ndjson}: the risk register. Every project has a few everyday risks; a project in trouble also has an
 * open risk, raised when the trouble began, that names its cause and quotes its figures; a paused project has one
 * about its funding.
 */
final class Risks
{
    static final String FILE = "risks.ndjson";
    static final List<String> COLUMNS = List.of("risk_id", "project_id", "title", "description", "severity", "likelihood", "status", "owner", "raised_date",
            "closed_date");
    // the deliberately flawed line is the first everyday risk from this row on
    static final int MISSING_PROJECT_FROM_ROW = 20;

    private record Template(String title, List<String> sentences)
    {
        Template(String title, String... sentences)
        {
            this(title, List.of(sentences));
        }

        String description()
        {
            return String.join(" ", sentences);
        }
    }

    private static final List<Template> EVERYDAY = List.of(
            new Template("Key person dependency",
                    "Most of the knowledge of the core integration sits with {person}.",
                    "Losing that person for more than a few weeks would slow every change.",
                    "Pairing sessions and runbooks are planned."),
            new Template("Test environment contention",
                    "The shared staging environment is booked by three teams during release weeks.",
                    "Test cycles could stretch by several days.",
                    "A second environment has been requested from the Platform team."),
            new Template("{provider} API deprecation",
                    "{provider} will retire the API version we use in {month}.",
                    "The integration has to move to the new version before then.",
                    "The work is estimated at two sprints."),
            new Template("Data quality in {system}",
                    "Records imported from {system} contain duplicates and missing fields.",
                    "Reports built on them may be wrong.",
                    "A cleansing rule set is being agreed with the data owners."),
            new Template("Holiday change freeze",
                    "The year-end change freeze limits releases in late December.",
                    "Anything not shipped before it waits until January.",
                    "The release plan front-loads the riskier changes."),
            new Template("Late compliance review",
                    "The compliance review of {project} is scheduled late in the plan.",
                    "Findings could force rework close to launch.",
                    "An early walkthrough with Compliance has been booked."),
            new Template("Penetration test findings",
                    "The annual penetration test is due in {month}.",
                    "High findings would block the release.",
                    "Known issues are being fixed beforehand."),
            new Template("Adoption below plan",
                    "Early usage of the first release is lower than the business case assumed.",
                    "If it stays flat the benefits case weakens.",
                    "Product is interviewing a dozen users to find out why."),
            new Template("{library} end of life",
                    "{library} reaches end of life in {month}.",
                    "Staying on it means no more security patches.",
                    "The upgrade is planned as routine maintenance."),
            new Template("Partner test window",
                    "End-to-end tests with {provider} can only run in their weekly test window.",
                    "Defects may take longer to confirm.",
                    "A mock service covers most cases in the meantime."),
            new Template("Next-phase funding",
                    "Funding for the next phase is decided at the {quarter} portfolio review.",
                    "Without it the team would have to scale down.",
                    "The business case has been submitted."),
            new Template("Peak load headroom",
                    "Load tests reached {rps} requests per second against a seasonal peak target of {peak}.",
                    "Headroom is thin.",
                    "Caching changes are planned before the peak."),
            new Template("New joiners ramping up",
                    "Two engineers are due to join in {month}.",
                    "Velocity may dip for a couple of sprints while they ramp up.",
                    "Each will have an onboarding buddy."),
            new Template("Untested rollback",
                    "The cut-over plan has no rehearsed rollback for {system}.",
                    "A failed migration could mean a long outage.",
                    "A rehearsal is scheduled."),
            new Template("Single-region deployment",
                    "The service runs in {region} only.",
                    "A regional outage would take it down completely.",
                    "A warm standby in a second region is being costed."));

    private static final List<Template> PAUSE = List.of(
            new Template("Funding decision pending",
                    "All work on {project} has been on hold since {pausedSince} while {program} waits for the portfolio funding review.",
                    "People have been lent to other programs.",
                    "Restarting will take a few weeks of ramp-up."),
            new Template("Team dispersal during the pause",
                    "{program} has been paused since {pausedSince}, and the people who built {project} have moved to other work.",
                    "The longer the pause lasts, the more knowledge is lost.",
                    "Handover notes are being written now."));

    private static final List<String> EVERYDAY_STATUSES = List.of("open", "open", "mitigating", "closed");
    private static final List<String> EVERYDAY_SEVERITIES = List.of("low", "low", "low", "low", "medium", "medium", "medium", "medium", "medium", "high");
    private static final List<String> EVERYDAY_LIKELIHOODS = List.of("rare", "unlikely", "possible", "possible", "likely");

    private final Dataset dataset;
    private boolean flawWritten;

    Risks(Dataset dataset)
    {
        this.dataset = requireNonNull(dataset, "dataset is null");
    }

    void write(TableFile file)
    {
        for (Project project : dataset.projects()) {
            Dice dice = dataset.dice("risks", project.index());
            project.trouble().ifPresent(trouble -> writeTrouble(file, project, trouble, dice));
            project.pausedSince().ifPresent(month -> writePause(file, project, month, dice));
            boolean finished = project.plannedEnd().isBefore(dataset.asOf());
            // a register lists each kind of risk once per project
            List<Template> templates = new ArrayList<>(EVERYDAY);
            int everyday = finished ? dice.between(1, 3) : dice.between(2, 4);
            for (int i = 0; i < everyday; i++) {
                writeEveryday(file, project, templates.remove(dice.between(0, templates.size() - 1)), finished, dice);
            }
        }
    }

    private void writeTrouble(TableFile file, Project project, Trouble trouble, Dice dice)
    {
        Stories.Story story = Stories.of(trouble.cause());
        List<String> sentences = new ArrayList<>();
        sentences.add(dice.pick(story.causes()));
        if (trouble.overBudget()) {
            List<String> impacts = new ArrayList<>(story.costImpacts());
            impacts.addAll(Stories.COST_IMPACTS);
            sentences.add(dice.pick(impacts));
        }
        if (trouble.behindSchedule()) {
            sentences.add(dice.pick(Stories.SCHEDULE_IMPACTS));
        }
        sentences.add(dice.pick(story.mitigations()));
        String severity;
        if (trouble.overBudget()) {
            severity = trouble.overrunPercent() >= 25 ? "critical" : "high";
        }
        else {
            severity = dice.pick(List.of("medium", "high"));
        }
        file.write(
                id(file),
                project.id(),
                trouble.text(dice.pick(story.titles())),
                trouble.text(String.join(" ", sentences)),
                severity,
                dice.pick(List.of("likely", "almost_certain")),
                trouble.overBudget() ? "open" : dice.pick(List.of("open", "mitigating")),
                project.owner(),
                trouble.since().atDay(dice.between(1, 20)).toString(),
                null);
    }

    private void writePause(TableFile file, Project project, YearMonth pausedSince, Dice dice)
    {
        Template template = dice.pick(PAUSE);
        Map<String, String> slots = Map.of("project", project.name(), "program", project.program().name(), "pausedSince", Text.monthYear(pausedSince));
        file.write(id(file), project.id(), Text.fill(template.title(), slots), Text.fill(template.description(), slots), "high", "likely", "open",
                project.program().owner(), pausedSince.atDay(1).toString(), null);
    }

    private void writeEveryday(TableFile file, Project project, Template template, boolean finished, Dice dice)
    {
        LocalDate lastDay = finished ? project.plannedEnd() : dataset.asOf();
        LocalDate raised = project.start().plusDays(dice.between(0, (int) ChronoUnit.DAYS.between(project.start(), lastDay)));
        String status = finished ? "closed" : dice.pick(EVERYDAY_STATUSES);
        LocalDate closed = null;
        if (status.equals("closed")) {
            LocalDate planned = raised.plusDays(dice.between(10, 120));
            closed = planned.isAfter(lastDay) ? lastDay : planned;
        }
        Map<String, String> slots = new HashMap<>();
        slots.put("person", dataset.person(dice));
        slots.put("project", project.name());
        slots.put("provider", dice.pick(Catalog.PROVIDERS));
        slots.put("system", dice.pick(Catalog.SYSTEMS));
        slots.put("library", dice.pick(Catalog.LIBRARIES));
        slots.put("region", dice.pick(Catalog.REGIONS));
        // a risk still open is about something ahead of the as-of date
        YearMonth horizon = YearMonth.from(closed == null ? dataset.asOf() : raised);
        slots.put("month", Text.monthYear(horizon.plusMonths(dice.between(1, 6))));
        slots.put("quarter", SpendLedger.quarter(horizon.plusMonths(dice.between(1, 4))));
        int peak = dice.between(20, 80) * 100;
        slots.put("peak", Text.number(peak));
        slots.put("rps", Text.number(Math.round(peak * dice.uniform(0.75, 0.95) / 100) * 100));
        Object[] values = {
                id(file),
                project.id(),
                Text.fill(template.title(), slots),
                Text.fill(template.description(), slots),
                dice.pick(EVERYDAY_SEVERITIES),
                dice.pick(EVERYDAY_LIKELIHOODS),
                status,
                dataset.person(dice),
                raised.toString(),
                closed == null ? null : closed.toString()};
        if (!flawWritten && file.rows() + 1 >= MISSING_PROJECT_FROM_ROW) {
            flawWritten = true;
            file.writeOmitting("project_id", values);
        }
        else {
            file.write(values);
        }
    }

    private static String id(TableFile file)
    {
        return "R-%04d".formatted(file.rows() + 1);
    }
}
