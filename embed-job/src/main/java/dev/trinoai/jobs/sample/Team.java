package dev.trinoai.jobs.sample;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A delivery team working for one program, with the hidden traits that shape its sprints and incidents.
 *
 * @param mttrFactor how much slower than a typical team it resolves incidents
 * @param incidentsPerDay the chance of an incident on any one day
 * @param firstSprintNumber the number of its first sprint in the history window (the team existed before it)
 */
record Team(
        int index,
        String id,
        String name,
        Program program,
        String lead,
        int headcount,
        List<String> services,
        double mttrFactor,
        double incidentsPerDay,
        int firstSprintNumber,
        int sprintOffsetDays,
        double pointsPerHead)
{
    Team
    {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(program, "program is null");
        requireNonNull(lead, "lead is null");
        services = List.copyOf(services);
    }
}
