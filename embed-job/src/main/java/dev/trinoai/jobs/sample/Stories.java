package dev.trinoai.jobs.sample;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The templates that explain a troubled project, per cause. Every sentence in {@link Story#causes()} names the cause's
 * culprit (its {@link Cause#detailSlot()}), so a risk written from them always says what went wrong.
 */
final class Stories
{
    /**
     * @param reasons clauses that complete "because ..." in milestone notes; empty for causes that cost money but
     * do not delay work
     */
    record Story(List<String> titles, List<String> causes, List<String> costImpacts, List<String> mitigations, List<String> reasons,
            List<IncidentKind> incidents)
    {
        Story
        {
            titles = List.copyOf(requireNonNull(titles, "titles is null"));
            causes = List.copyOf(requireNonNull(causes, "causes is null"));
            costImpacts = List.copyOf(requireNonNull(costImpacts, "costImpacts is null"));
            mitigations = List.copyOf(requireNonNull(mitigations, "mitigations is null"));
            reasons = List.copyOf(requireNonNull(reasons, "reasons is null"));
            incidents = List.copyOf(requireNonNull(incidents, "incidents is null"));
        }
    }

    static final List<String> COST_IMPACTS = List.of(
            "Actuals are running {pct} over plan since {sinceMonth}, about {monthlyOver} a month.",
            "At the current run rate, {pct} over plan, the project will finish about {eacOver} over its budget.",
            "Spend has been {pct} above plan every month since {since} and the forecast has been raised to match.");

    static final List<String> SCHEDULE_IMPACTS = List.of(
            "Milestones are slipping by about {weeks} weeks.",
            "The delivery plan has moved out by roughly {weeks} weeks and sprint completion has dropped.",
            "The next milestones are at risk; the current estimate is {weeks} weeks late.");

    private static final Story VENDOR_DELAY = new Story(
            List.of("{vendor} delivery delay", "Late delivery of {component} by {vendor}", "Vendor slippage on {component}"),
            List.of("{vendor} has slipped delivery of {component} three times since {since} and is now {weeks} weeks behind its statement of work.",
                    "The integration depends on {component} from {vendor}, which was due in {since} and has still not passed acceptance testing.",
                    "{vendor} keeps re-planning {component}; the latest drop is {weeks} weeks later than contracted."),
            List.of("Keeping the integration team on standby and paying {vendor} for change requests has pushed actuals {pct} over plan since {sinceMonth}.",
                    "Extra contractor time to work around the missing {component} adds about {monthlyOver} a month, {pct} over plan."),
            List.of("Escalated to the account director at {vendor}; the penalty clauses of the contract are being reviewed.",
                    "A second supplier is being evaluated as a fallback for {component}.",
                    "The team is building a stub of {component} so that testing can continue."),
            List.of("{vendor} is {weeks} weeks behind on {component}",
                    "the integration is still waiting for {component} from {vendor}",
                    "{vendor} missed two agreed drops of {component}"),
            List.of(new IncidentKind("Integration tests failing against the {vendor} sandbox",
                            "Calls from {service} to the {vendor} sandbox for {component} failed for most of the day.",
                            "{vendor} deployed an unannounced build of {component} to the sandbox.",
                            "Tests were pinned to the previous build and the problem was raised with the account manager at {vendor}."),
                    new IncidentKind("Errors in {service} after enabling an early drop from {vendor}",
                            "Errors started in {service} after the team switched on the early drop of {component} from {vendor}.",
                            "The drop was incomplete: two endpoints promised by {vendor} were missing.",
                            "The feature flag was turned off until {vendor} ships the next release.")));

    private static final Story SCOPE_CHANGE = new Story(
            List.of("Scope growth: {scope}", "Unplanned scope added mid-project", "Change request {changeRequest} not funded"),
            List.of("{sponsor} asked for {scope} in {since}, after the plan and the budget were approved.",
                    "Change request {changeRequest} added {scope} without moving the budget or the dates.",
                    "The backlog grew by about {points} story points when {scope} was pulled into this release in {since}."),
            List.of("The extra work adds about {monthlyOver} a month; actuals are {pct} over plan since {sinceMonth}.",
                    "Building {scope} on top of the original plan has taken spend {pct} over budget since {sinceMonth}."),
            List.of("The steering committee will decide between a budget increase and descoping at its next review.",
                    "{sponsor} has been asked to fund the change or trade out other features.",
                    "Lower-priority features are being moved to a second phase."),
            List.of("{scope} was added to the release in {since}",
                    "change request {changeRequest} ({scope}) pulled the team off planned work",
                    "{sponsor} asked for {scope} after the plan was set"),
            List.of(new IncidentKind("Regression in {service} after a rushed release",
                            "A release adding {scope} broke an existing flow in {service}.",
                            "The new scope was squeezed into the sprint after change request {changeRequest}, and regression tests were skipped to keep the date.",
                            "A hotfix restored the old flow and the missing tests were added."),
                    new IncidentKind("Unfinished feature exposed in {service}",
                            "Half-finished work on {scope} became visible to some users of {service}.",
                            "The feature flag configuration was copied from the wrong environment during a late merge.",
                            "The flag was turned off and flag changes now need a second reviewer.")));

    private static final Story STAFFING_SHORTAGE = new Story(
            List.of("Shortage of {role}", "Contractor rates above budget", "Attrition in the delivery team"),
            List.of("{leavers} {role} left the team in {since} and only one replacement has started.",
                    "The team has been short of {role} since {since}; two requisitions are still open.",
                    "Hiring for {role} has stalled since {since} and the gap is covered by agency contractors."),
            List.of("Contractors cost {contractorRate} a day against {budgetRate} budgeted, so labour actuals are running {pct} over plan since {sinceMonth}.",
                    "Paying agency day rates ({contractorRate} instead of {budgetRate}) adds about {monthlyOver} a month, {pct} over plan."),
            List.of("Two permanent hires are in final interviews.",
                    "Work is being re-sequenced around the people available.",
                    "A partner firm has been asked for a fixed-price quote to replace the day-rate contractors."),
            List.of("the team has been short of {role} since {since}",
                    "the {role} who left in {since} are only partly replaced",
                    "the contractors who replaced the {role} are still ramping up"),
            List.of(new IncidentKind("Alert on {service} not acknowledged for {minutes} minutes",
                            "A paging alert for {service} went unacknowledged for {minutes} minutes.",
                            "The on-call rota has had gaps since several {role} left in {since}, and the contractors are not on it yet.",
                            "An interim rota with the platform team is in place until the new hires finish onboarding."),
                    new IncidentKind("Slow recovery of {service}",
                            "Recovery of {service} took longer than usual because the one engineer who knew the component was on leave.",
                            "Knowledge of {service} sits with one person since the {role} left in {since}.",
                            "Runbooks were written and two contractors now shadow on-call.")));

    private static final Story CLOUD_COST_OVERRUN = new Story(
            List.of("{cloudService} costs above forecast", "Cloud spend overrun", "Runaway {cloudService} usage"),
            List.of("{cloudService} spend has grown sharply since {since} because of {cloudReason}.",
                    "The FinOps review traced the jump in {cloudService} costs to {cloudReason}.",
                    "Cloud costs for {cloudService} have run well ahead of the forecast since {since}; the main driver is {cloudReason}."),
            List.of("Cloud spend is about {monthlyOver} a month above plan, which puts the project {pct} over budget since {sinceMonth}.",
                    "The cloud line alone takes total actuals {pct} over plan since {sinceMonth}."),
            List.of("Rightsizing and a retention policy are being rolled out, with savings expected within two months.",
                    "FinOps is setting budgets and alerts per environment.",
                    "Reserved capacity is being renegotiated with the provider."),
            List.of(),
            List.of(new IncidentKind("Cost anomaly on {cloudService}",
                            "The cost anomaly detector flagged {cloudService} spend for {service} at {multiple} times the daily baseline.",
                            "The cause was {cloudReason}.",
                            "The configuration was corrected and a FinOps review of {service} is under way."),
                    new IncidentKind("Runaway {cloudService} usage from {service}",
                            "Over a weekend, {service} consumed far more {cloudService} capacity than planned.",
                            "It traced back to {cloudReason}.",
                            "Budgets and alerts per environment were added; rightsizing continues.")));

    private static final Story LICENCE_TRUE_UP = new Story(
            List.of("{product} licence true-up", "Licence compliance gap on {product}", "Unbudgeted {product} seats"),
            List.of("A vendor audit of {product} in {since} found {seats} active seats against {licensedSeats} licensed.",
                    "The {product} renewal in {since} came with a true-up for {seats} seats instead of the {licensedSeats} in the business case.",
                    "Usage of {product} outgrew the licence ({seats} users against {licensedSeats} seats) and the true-up landed in {since}."),
            List.of("The true-up and the higher tier add about {monthlyOver} a month, {pct} over the project's plan since {sinceMonth}.",
                    "Licence costs now run several times the budgeted line and take the project {pct} over plan."),
            List.of("Procurement is negotiating a multi-year deal to lower the price per seat.",
                    "Inactive users are being removed to bring the seat count down.",
                    "Finance has been asked to cover the true-up from the program contingency."),
            List.of(),
            List.of(new IncidentKind("{product} seat limit reached",
                            "New users of {service} could not be provisioned in {product}.",
                            "All seats are in use: {seats} active users against {licensedSeats} licensed.",
                            "Temporary seats were bought while the true-up is negotiated."),
                    new IncidentKind("{product} licence check blocked a deploy of {service}",
                            "A deployment of {service} failed because {product} refused the licence key.",
                            "The key expired when the vendor moved the contract to a new tier during the true-up.",
                            "A new key was issued and procurement is finishing the contract change.")));

    private static final Story DEPENDENCY = new Story(
            List.of("Dependency on {team}", "Blocked by the {team} team", "Late upstream delivery from {team}"),
            List.of("The project needs {deliverable} from the {team} team, which has moved its date twice since {since}.",
                    "Integration work cannot start until the {team} team ships {deliverable}.",
                    "The next milestones depend on {deliverable}, owned by {team}, which has been late since {since}."),
            List.of(),
            List.of("Weekly syncs with the {team} team are in place and the dependency is on the program risk board.",
                    "The team is working on items that do not need {deliverable} in the meantime.",
                    "Escalated to the program lead who owns the {team} team."),
            List.of("{deliverable} from the {team} team is not ready",
                    "the {team} team moved {deliverable} to a later release",
                    "the work is blocked on {deliverable}, owned by {team}"),
            List.of(new IncidentKind("Integration environment for {service} down",
                            "The integration environment for {service} was unusable because {deliverable} from the {team} team was down.",
                            "The upstream dependency, {deliverable}, is still pre-release and has no on-call support.",
                            "The team added a mock of the dependency for testing and agreed support hours with {team}."),
                    new IncidentKind("Contract mismatch with the {team} team",
                            "Calls from {service} failed to parse responses after the {team} team changed {deliverable}.",
                            "A breaking change shipped without a version bump.",
                            "The parser was fixed and a contract test with the {team} team was added.")));

    private Stories() {}

    static Story of(Cause cause)
    {
        return switch (cause) {
            case VENDOR_DELAY -> VENDOR_DELAY;
            case SCOPE_CHANGE -> SCOPE_CHANGE;
            case STAFFING_SHORTAGE -> STAFFING_SHORTAGE;
            case CLOUD_COST_OVERRUN -> CLOUD_COST_OVERRUN;
            case LICENCE_TRUE_UP -> LICENCE_TRUE_UP;
            case DEPENDENCY -> DEPENDENCY;
        };
    }
}
