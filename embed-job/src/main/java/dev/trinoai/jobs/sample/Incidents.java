package dev.trinoai.jobs.sample;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code incidents.ndjson}: production incidents of every team's services, numbered in the order they were opened.
 * Resolution time depends on severity (hours for SEV1, days for SEV4) and on the team, one of which is much slower
 * than the rest. Incidents still unresolved at the end of the as-of day have a null {@code resolved_at}. While a
 * project is in trouble, some of its incidents are about that trouble.
 */
final class Incidents
{
    static final String FILE = "incidents.ndjson";
    static final List<String> COLUMNS = List.of("incident_id", "service", "team_id", "project_id", "severity", "opened_at", "resolved_at", "title", "summary");
    // the deliberately repeated line, by its number
    static final int DUPLICATED_ROW = 25;

    private static final List<String> SEVERITIES = List.of("SEV1", "SEV2", "SEV3", "SEV4");
    private static final double[] SEVERITY_ODDS = {0.04, 0.18, 0.6, 1.0};
    private static final double[] MEDIAN_HOURS = {2.5, 7, 26, 80};
    // the share of requests affected, from and to, per severity
    private static final int[][] AFFECTED_PERCENT = {{20, 70}, {5, 35}, {1, 9}, {1, 5}};

    private static final List<List<String>> IMPACTS = List.of(
            List.of("Customers could not use {service} for {duration}.",
                    "About {affected}% of requests to {service} failed for {duration}, with a visible drop in orders.",
                    "The outage lasted {duration} and support received {tickets} tickets."),
            List.of("Around {affected}% of users saw errors or slow responses for {duration}.",
                    "Service was degraded for {duration}; no data was lost.",
                    "Some transactions had to be retried; the impact lasted {duration}."),
            List.of("A small share of requests (under {affected}%) was affected for {duration}.",
                    "Internal users were affected for {duration}; customers saw no errors.",
                    "Background processing was delayed by {duration}."),
            List.of("There was no customer impact.",
                    "Minor impact: one internal report was late.",
                    "Monitoring caught it before users noticed."));

    private static final List<IncidentKind> KINDS = List.of(
            new IncidentKind("Elevated error rate on {service}",
                    "Part of the traffic to {service} failed with 5xx errors.",
                    "A configuration change lowered the connection pool to {small} connections.",
                    "The change was reverted and the pipeline now validates pool settings."),
            new IncidentKind("Latency spike on {service}",
                    "The p99 latency of {service} rose above {ms} ms.",
                    "A migration dropped an index that a hot query on {datastore} relied on.",
                    "The index was restored and the migration linter now flags dropped indexes."),
            new IncidentKind("Failed deployment of {service}",
                    "A release of {service} failed its health checks in {region} and was rolled back.",
                    "The new release expected an environment variable that was never set in production.",
                    "The deployment template now checks required variables before rollout."),
            new IncidentKind("TLS certificate expired on {service}",
                    "Clients of {service} started rejecting its certificate.",
                    "Automatic renewal failed silently after a DNS record used for validation was removed.",
                    "The certificate was renewed by hand and expiry alerts now fire 30 days ahead."),
            new IncidentKind("Database failover for {service}",
                    "The primary database of {service} failed over to its replica.",
                    "The primary ran out of disk because old tables were never vacuumed.",
                    "Autovacuum was tuned and the disk alert lowered to 75%."),
            new IncidentKind("Message backlog in {service}",
                    "A backlog of about {count} messages built up in the queue of {service}.",
                    "A consumer deployment reduced parallelism to a single worker.",
                    "Parallelism was restored and a backlog alert added."),
            new IncidentKind("{provider} outage affecting {service}",
                    "Calls from {service} to {provider} timed out.",
                    "{provider} had an outage, and our client had no circuit breaker.",
                    "A circuit breaker with a cached fallback was added."),
            new IncidentKind("Memory leak in {service}",
                    "Pods of {service} were OOM-killed repeatedly in {region}.",
                    "An in-memory cache added in the last release had no eviction.",
                    "An eviction policy was added and memory alerts tuned."),
            new IncidentKind("Disk full on {service} hosts",
                    "Hosts running {service} ran out of disk space.",
                    "Log rotation stopped after a base image update.",
                    "Log rotation was fixed in the image and disk usage is now alerted on."),
            new IncidentKind("DNS resolution failures for {service}",
                    "Pods of {service} intermittently failed to resolve internal host names.",
                    "A change to the internal DNS forwarders in {region} dropped one resolver.",
                    "The resolver was restored and DNS changes now go through staged rollout."),
            new IncidentKind("Feature flag misconfiguration in {service}",
                    "A feature of {service} meant for {small}% of users was switched on for everyone.",
                    "The flag's rollout percentage was edited in the wrong environment.",
                    "The flag was reset and production flag edits now need approval."),
            new IncidentKind("Nightly batch failure in {service}",
                    "The nightly job of {service} did not finish and downstream reports were stale.",
                    "An upstream schema change in {system} added a column the job did not expect.",
                    "The job was updated and a schema contract test was added."),
            new IncidentKind("Cache stampede on {service}",
                    "Requests from {service} overwhelmed {datastore} when many of its cache entries expired at once.",
                    "All keys were written with the same expiry during a bulk reload.",
                    "Expiry times are now randomised and requests for the same key are coalesced."),
            new IncidentKind("Rate limiting misapplied on {service}",
                    "Legitimate clients of {service} received HTTP 429 responses.",
                    "A new rate-limit rule matched on a shared NAT address used by a large partner.",
                    "The rule now keys on API credentials instead of source address."),
            new IncidentKind("Data sync delay between {service} and {system}",
                    "Updates from {service} reached {system} hours late.",
                    "The sync job's credentials expired and retries backed off for too long.",
                    "Credentials were rotated and the job alerts on lag over 30 minutes."),
            new IncidentKind("Login failures on {service}",
                    "Some users could not sign in to {service}.",
                    "A signing key rotation was not picked up by one cluster in {region}.",
                    "The cluster was restarted and key rotation is now verified by a synthetic login."),
            new IncidentKind("Expired {provider} API key used by {service}",
                    "Requests from {service} to {provider} were rejected as unauthorised.",
                    "The API key expired and the reminder went to a mailbox nobody reads.",
                    "The key was renewed and secrets expiry is tracked in the secrets manager."),
            new IncidentKind("Node pool exhausted for {service}",
                    "New pods of {service} stayed pending in {region}.",
                    "The cluster autoscaler hit the node pool's maximum size during a traffic peak.",
                    "The maximum was raised and capacity is now reviewed before campaigns."),
            new IncidentKind("Vulnerable dependency in {service}",
                    "A critical CVE was published for {library}, which {service} uses.",
                    "The service had not been rebuilt since the library was pinned.",
                    "The dependency was upgraded and automated dependency updates were switched on."));

    private record Opened(Team team, Instant at, int severity) {}

    private final Dataset dataset;

    Incidents(Dataset dataset)
    {
        this.dataset = requireNonNull(dataset, "dataset is null");
    }

    void write(TableFile file)
    {
        Dice dice = dataset.dice("incidents", 0);
        Instant snapshot = dataset.asOf().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (LocalDate day = dataset.historyStart(); !day.isAfter(dataset.asOf()); day = day.plusDays(1)) {
            List<Opened> opened = new ArrayList<>();
            for (Team team : dataset.teams()) {
                if (dice.chance(team.incidentsPerDay())) {
                    // most incidents start in working hours, when changes are made
                    int minute = dice.chance(0.7) ? dice.between(8 * 60, 19 * 60) : dice.between(0, 24 * 60 - 1);
                    opened.add(new Opened(team, day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(minute * 60L), severity(dice)));
                }
            }
            opened.sort(Comparator.comparing(Opened::at).thenComparingInt(incident -> incident.team().index()));
            for (Opened incident : opened) {
                write(file, incident, day, snapshot, dice);
                if (file.rows() == DUPLICATED_ROW) {
                    file.repeatLastRow();
                }
            }
        }
    }

    private void write(TableFile file, Opened incident, LocalDate day, Instant snapshot, Dice dice)
    {
        Team team = incident.team();
        double hours = MEDIAN_HOURS[incident.severity()] * team.mttrFactor() * Math.exp(0.5 * dice.gaussian());
        Duration toResolve = Duration.ofMinutes(Math.max(10, Math.round(hours * 60)));
        Instant resolved = incident.at().plus(toResolve);
        boolean open = !resolved.isBefore(snapshot);
        Optional<Project> project = dice.chance(0.75) ? dataset.focus(team, day) : Optional.empty();
        Optional<Trouble> trouble = project.flatMap(Project::trouble).filter(candidate -> !day.isBefore(candidate.since().atDay(1)));

        Map<String, String> slots = new HashMap<>(trouble.map(Trouble::slots).orElse(Map.of()));
        slots.put("service", dice.pick(team.services()));
        slots.put("datastore", dice.pick(Catalog.DATASTORES));
        slots.put("region", dice.pick(Catalog.REGIONS));
        slots.put("provider", dice.pick(Catalog.PROVIDERS));
        slots.put("system", dice.pick(Catalog.SYSTEMS));
        slots.put("library", dice.pick(Catalog.LIBRARIES));
        slots.put("small", Integer.toString(dice.between(2, 9)));
        slots.put("ms", Text.number(dice.between(8, 60) * 100L));
        slots.put("count", Text.number(dice.between(20, 900) * 1000L));
        slots.put("minutes", Integer.toString(dice.between(25, 70)));
        slots.put("multiple", Integer.toString(dice.between(3, 12)));
        slots.put("affected", Integer.toString(dice.between(AFFECTED_PERCENT[incident.severity()][0], AFFECTED_PERCENT[incident.severity()][1])));
        slots.put("tickets", Integer.toString(dice.between(40, 600)));
        slots.put("duration", Text.duration(toResolve));

        IncidentKind kind = trouble.isPresent() && dice.chance(0.3) ? dice.pick(Stories.of(trouble.get().cause()).incidents()) : dice.pick(KINDS);
        List<String> sentences = new ArrayList<>();
        sentences.add(kind.what());
        if (open) {
            sentences.add("Impact is still being assessed and the cause is under investigation.");
        }
        else {
            if (incident.severity() < 3 || dice.chance(0.5)) {
                sentences.add(dice.pick(IMPACTS.get(incident.severity())));
            }
            sentences.add(kind.rootCause());
            sentences.add(kind.fix());
        }

        file.write(
                "INC-%05d".formatted(file.rows() + 1),
                slots.get("service"),
                team.id(),
                project.map(Project::id).orElse(null),
                SEVERITIES.get(incident.severity()),
                incident.at().toString(),
                open ? null : resolved.toString(),
                Text.fill(kind.title(), slots),
                Text.fill(String.join(" ", sentences), slots));
    }

    private static int severity(Dice dice)
    {
        double draw = dice.uniform(0, 1);
        int severity = 0;
        while (draw >= SEVERITY_ODDS[severity]) {
            severity++;
        }
        return severity;
    }
}
