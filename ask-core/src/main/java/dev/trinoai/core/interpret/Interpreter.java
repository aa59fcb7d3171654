package dev.trinoai.core.interpret;

import dev.trinoai.core.interpret.PhraseIndex.Match;
import dev.trinoai.core.interpret.Term.DimensionTerm;
import dev.trinoai.core.interpret.Term.GrainTerm;
import dev.trinoai.core.interpret.Term.MetricTerm;
import dev.trinoai.core.interpret.Term.ValueTerm;
import dev.trinoai.core.model.Dimension;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.OverBudget;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.TableSpec;
import dev.trinoai.core.plan.Comparison;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.plan.Retrieval;
import dev.trinoai.core.plan.TimeGrain;
import dev.trinoai.core.time.Period;
import dev.trinoai.core.time.TimeExpressions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.toSet;

/**
 * Turns a question into a plan without a language model: the semantic model's synonyms, the dimensions' values,
 * time expressions, and a few patterns for ranking, comparing, grouping and asking why. Deterministic: the same
 * question and reference date give the same plan. When it does not recognise a metric, an entity or a period it
 * says so instead of guessing.
 */
public final class Interpreter
{
    private static final Pattern OVER_BUDGET = Pattern.compile("\\b(?:(?:over|above|exceed(?:ed|ing|s)?|more than|beyond|overshot|overshooting)\\s+(?:the\\s+|their\\s+|its\\s+|our\\s+)?(?:budget|plan)|over-?budget|overspen(?:t|ding|d)|(?:blow(?:ing|n|s)?|bust(?:ing|ed|s)?)(?:\\s+(?:through|out))?\\s+(?:the\\s+|their\\s+|its\\s+|our\\s+)?budgets?|(?:budget\\s+)?overrun(?:s|ning)?)\\b");
    private static final Pattern UNDER_BUDGET = Pattern.compile("\\b(?:(?:under|below|within|less than)\\s+(?:the\\s+|their\\s+|its\\s+|our\\s+)?(?:budget|plan)|under-?budget|underspen(?:t|ding|d))\\b");
    private static final Pattern COMPARISON = Pattern.compile("\\b(more than|greater than|higher than|over|above|exceeding|at least|less than|fewer than|lower than|under|below|at most)\\s+(\\$)?(\\d[\\d,]*(?:\\.\\d+)?)\\s*(k\\b|m\\b|%|percent\\b|hours?\\b|hrs?\\b|h\\b|days?\\b|points?\\b|pts\\b)?");
    private static final Pattern RANKING = Pattern.compile("\\b(?:(top|bottom|best|worst|highest|lowest|largest|smallest|biggest|most|least|fewest|greatest|slowest|fastest|longest|shortest|poorest|strongest|weakest|lagging(?:\\s+(?:furthest|most))?(?:\\s+behind)?|furthest behind|furthest)\\b(?:\\s+(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\\b|\\s+first\\b)?|(\\d{1,3}|three|five|ten)\\s+(best|worst|highest|lowest|largest|biggest|slowest|fastest)\\b)");
    private static final Pattern TREND = Pattern.compile("\\b(?:trend(?:s|ing|ed)?|over time|month over month|month-over-month|mom|evolution|evolv(?:e|ed|ing)|progression|history|historically|chang(?:ed|ing) over time|(?:going |trending )?up or down|rising or falling|increasing or decreasing|mov(?:e|ed|ing)|shift(?:ed|ing)?)\\b");
    private static final Pattern NARRATIVE = Pattern.compile("\\bwhy\\b|\\bwhat happened\\b|\\bwent wrong\\b|\\bexplain|\\breasons?\\b|\\bcaus(?:e|es|ed|ing)\\b|\\btell me (?:about|more)\\b|\\bgoing on\\b|\\bcontext\\b|\\bdetails?\\b|\\bnotes?\\b|\\bsummari[sz]e\\b|\\bdescribe\\b|\\bbackground\\b|\\bblockers?\\b|\\bconcerns?\\b|\\bdriv(?:ing|en|ers?)\\b|\\bwhat (?:are|were) (?:the |our |its |their |[a-z0-9.-]+'s )?(?:main |key |biggest |top |major |current |open )?(?:risks|issues|problems|concerns|blockers|okrs|objectives|goals|milestones|incidents)\\b|\\bwhat (?:risks|issues|problems)\\b|\\blessons\\b|\\bpostmortems?\\b|\\broot causes?\\b|\\bwhat (?:are|were) they\\b|\\bwhich (?:ones|are they|were they)\\b|\\blist them\\b|\\bname them\\b|\\bstory\\b|\\bholding (?:\\w+ )?up\\b|\\bstalled\\b|\\bwhat'?s behind (?:it|this|that|them)\\b");
    private static final Pattern QUANTITATIVE = Pattern.compile("\\bhow (?:many|much)\\b|\\bnumber of\\b|\\bcount\\b|\\btotal\\b|\\baverage\\b|\\bavg\\b|\\brate\\b|\\bratio\\b|%|\\bpercent|\\bby\\b|\\bper\\b|\\bcompare|\\bmost\\b|\\bfewest\\b|\\bhighest\\b|\\blowest\\b|\\btop \\d");
    private static final Pattern HEALTH = Pattern.compile("\\bhow(?:'s| is| are)\\b.*\\b(?:doing|going|tracking|performing|looking|faring)\\b|\\b(?:status|health|healthy|overview|scorecard|update|state of|kpis?|snapshot)\\b|\\bon track\\b|\\bhow (?:did|does|has|have)\\b.*\\b(?:do|done|perform|performed|fare|fared)\\b");
    // "so far", "to date", "right now": the numbers are to the reference date whatever the period
    private static final Pattern NOW = Pattern.compile("\\b(?:so far|to date|as of (?:today|now)|right now|at the moment|at present|these days)\\b");
    // the words of HEALTH alone: its "how is ... doing" spans words that must be accounted for on their own
    private static final Pattern HEALTH_WORDS = Pattern.compile("\\b(?:doing|going|tracking|performing|faring|status|health|healthy|overview|scorecard|update|state|snapshot|on track|perform|performed|fare|fared)\\b");
    private static final Pattern GROUP_CUE = Pattern.compile("^(?:by|per|each|every|across|which|what|for each|for every|split by|broken down by|grouped by|breakdown by|among)$");
    private static final Pattern ORIGINAL_WORD = Pattern.compile("[A-Za-z0-9]+(?:\\.[0-9]+)?|[%$]");
    private static final Set<String> QUESTION_WORDS = Set.of("which", "what", "who", "list", "show", "name");
    private static final Pattern PERCENT = Pattern.compile("%|\\bpercent(?:age)?s?\\b|\\bpct\\b");
    private static final Pattern MONEY = Pattern.compile("\\$|\\bdollars?\\b|\\busd\\b|\\bin money\\b");
    // "over or under budget", "on budget?", "budget status": the variance either way, without a filter
    private static final Pattern BOTH_BUDGET_SIDES = Pattern.compile("\\b(?:(?:over or under|under or over|on|off)\\s+(?:the\\s+|their\\s+|its\\s+|our\\s+)?(?:budget|plan)|budget (?:status|health|position|performance|standing))\\b(?!\\s+to date)");
    // "against plan" asks for the variance; "forecast vs budget" for the forecast beside the plan
    private static final Pattern AGAINST_BUDGET = Pattern.compile("\\b(?:against|vs\\.?|versus|relative to|compared (?:to|with))\\s+(?:the\\s+|their\\s+|its\\s+|our\\s+)?(?:budget|plan)\\b(?!\\s+to date)");
    // "planned vs actual", "budget versus actuals": both sides of the variance
    private static final Pattern PLAN_VS_ACTUAL = Pattern.compile("\\b(?:(?:planned|plan|budget(?:ed)?)\\s+(?:vs\\.?|versus|against|compared (?:to|with)|and)\\s+actuals?|actuals?\\s+(?:vs\\.?|versus|against|compared (?:to|with)|and)\\s+(?:the\\s+)?(?:planned|plan|budget(?:ed)?))\\b(?!\\s+to date)(?:\\s+(?:spend(?:ing)?|costs?|budget))?");
    // a lower-case word after these is a verb, not a data value: "how many incidents did we open"
    private static final Set<String> SUBJECTS = Set.of("we", "they", "you", "i");
    // "total points delivered by Horizon teams" asks for one number about Horizon's teams
    private static final Pattern TOTAL = Pattern.compile("\\b(?:total|overall|combined|altogether|all together|taken together|together|in all|as a whole)\\b");
    // "Horizon's teams combined": one number for them all, though "teams" alone would list them
    private static final Pattern POOLED = Pattern.compile("\\b(?:combined|altogether|together|in all|as a whole)\\b");
    private static final Pattern HOW_MANY = Pattern.compile("\\bhow many\\b|\\bnumber of\\b|\\b(?:count|tally)\\b");
    /** Words that change what a number means; ignoring one would return a wrong number. */
    private static final Set<String> MEANING_CHANGERS = Set.of("except", "excluding", "exclude", "excludes", "without", "not", "median", "percentile", "p90", "p95", "p99",
            "cumulative", "cumulatively", "projected", "predict", "prediction", "forecasted", "headcount", "per person", "per engineer", "ratio of", "minus", "plus",
            "have no", "has no", "had no", "with no");
    // a ranking by change between two periods is a different computation from a ranking by value
    private static final Pattern CHANGE_RANKING = Pattern.compile("\\b(?:dropped|fell|declined|decreased|increased|rose|grew|improved|worsened|changed|slipped)\\s+(?:the\\s+)?(?:most|least|fastest|furthest)\\b");
    private static final Set<String> AVERAGE_WORDS = Set.of("average", "avg", "mean");
    // grain words that slice the numbers by themselves, without "by" or "each"
    private static final Set<String> SLICING_GRAINS = Set.of("daily", "weekly", "monthly", "quarterly", "yearly", "annually", "annual", "sprint by sprint");
    // this assistant only reads: a request to change data is declined before it is read as a question about numbers
    private static final Pattern WRITE_REQUEST = Pattern.compile("^(?:(?:please|pls|kindly|can you|could you|would you|will you|go ahead and|i want to|i need to|i'd like to|we need to|let's|lets|now)\\s+)*"
            + "(?:delete|remove|drop|truncate|insert|update|alter|modify|change|set|add|create|erase|wipe|overwrite|edit|rename|reset|increase|decrease|cut|raise|lower|move|close|reopen|assign|mark|record|log|book|approve|cancel)\\b"
            + "|\\b(?:delete|drop|truncate|insert into|erase|wipe|overwrite)\\b|\\bupdate\\s+\\w+\\s+set\\b|\\bupdate the\\b");
    // "this year's spend compare to last year": a comparing word after the measure named between the two periods
    private static final Pattern PERIODS_COMPARED = Pattern.compile("^\\W*(?:s\\W+)?(?:[a-z][a-z/&-]*\\W+){1,3}(?:vs\\.?|versus|compared? (?:to|with)|compares? (?:to|with)|against)\\W*$");
    // "this quarter vs last quarter": one query per period
    private static final Pattern PERIOD_COMPARISON = Pattern.compile("^\\W*(?:vs\\.?|versus|compared? (?:to|with)|compares? (?:to|with)|against|and|or|to|with|then|than|and with|and to)\\W*$");
    // the words that ask how two periods compare: "did we have more incidents this month than last month?"
    private static final Pattern COMPARING_WORDS = Pattern.compile("\\b(?:more|fewer|less|higher|lower|better|worse|bigger|smaller|up|down|change|changed|differ|different|difference|compare|compares)\\b");
    // a question that opens so, or says "instead", builds on the one before: "and for Falcon?", "what about velocity?"
    private static final Pattern FOLLOW_UP = Pattern.compile("^\\W*(?:(?:ok|okay|so|now|but)\\W+)?(?:and|also|then|same)\\b|\\b(?:what about|how about|instead|same|as well)\\b");
    // the words of FOLLOW_UP that only a follow-up accounts for: read alone, "by team instead" is declined
    private static final Pattern FOLLOW_UP_WORDS = Pattern.compile("\\b(?:instead|same)\\b");
    // "compare with last quarter": the earlier period and the one named, side by side
    private static final Pattern COMPARE = Pattern.compile("\\b(?:compare|compared|comparing|vs\\.?|versus|against)\\b");
    private static final Set<String> KNOWN_CAPITALS = Set.of("i", "ok", "kpi", "kpis", "pm", "pmo", "vp", "cto", "ceo", "cfo", "hey", "hi", "please", "thanks", "us", "usd", "eu", "emea");
    private static final Map<String, Integer> NUMBER_WORDS = Map.of("one", 1, "two", 2, "three", 3, "four", 4, "five", 5, "six", 6, "seven", 7, "eight", 8, "nine", 9, "ten", 10);

    // the words of the patterns above, for mending slips against
    private static final Set<String> CUE_WORDS = Set.of("over", "under", "above", "below", "within", "budget", "plan", "overrun", "overspent", "overspend",
            "underspent", "exceeded", "exceeding", "trend", "trending", "trends", "history", "why", "happened", "wrong", "explain", "reason", "reasons",
            "cause", "causes", "driving", "drivers", "context", "details", "notes", "summarize", "summarise", "describe", "background", "blockers",
            "concerns", "going", "doing", "tracking", "performing", "faring", "status", "health", "healthy", "overview", "scorecard", "snapshot",
            "track", "top", "bottom", "best", "worst", "highest", "lowest", "largest", "smallest", "biggest", "most", "least", "fewest", "greatest",
            "slowest", "fastest", "longest", "shortest", "poorest", "strongest", "weakest", "furthest", "behind", "more", "greater", "higher",
            "less", "fewer", "lower", "average", "total", "overall", "combined", "altogether", "count", "number", "percent", "percentage",
            "compare", "versus", "against", "delete", "remove", "drop", "update", "insert", "evolution", "progression", "historically",
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "hundred", "thousand",
            "million", "billion", "took", "take", "share", "unresolved", "landed", "past", "spent", "spend", "money", "late", "early",
            "close", "open", "mark", "set", "change", "modify", "create", "erase", "wipe", "rename", "reset", "cancel", "approve", "assign",
            "lagging", "blowing", "blown", "busting", "hit", "record", "organisation", "organization", "company", "than", "table", "tables");
    // words around a question that do not change its number: "got hit with", "track record", "across the whole organisation"
    private static final Pattern FILLER = Pattern.compile("\\b(?:(?:got |get |gets |getting |been |was |were )?hit (?:with|by)|track record|(?:the )?(?:whole |entire )?(?:organi[sz]ation|org|company|business)(?:-wide)?)\\b");
    // "whether throughput is improving": what numbers over time show, once they are sliced by a time grain
    private static final Pattern IMPROVING = Pattern.compile("\\b(?:improv(?:e|es|ed|ing)|worsen(?:s|ed|ing)?|getting (?:better|worse)|deteriorat(?:e|es|ed|ing))\\b");
    // "what share of spend", "as a percentage of total spend": a share of a total, which no measure computes
    private static final Pattern SHARE = Pattern.compile("\\b(?:share of|(?:percentage|percent|proportion|fraction|part) of (?:total|all|the total|our total)|what (?:percentage|percent|proportion|fraction|share)|as a (?:percentage|percent|share|proportion|fraction) of|% of (?:total|all))\\b");
    private static final Pattern HOW_MANY_PERCENT = Pattern.compile("\\bhow many (?:percent|%|percentage points)");
    // "open at the end of September": a status at a past moment, which the facts do not keep
    private static final Pattern POINT_IN_TIME = Pattern.compile("\\b(?:as of|as at|at the end of|by the end of|end of|at close of|on the last day of)\\s");
    // "MTTR in days": a unit the measure is not kept in
    private static final Pattern IN_UNIT = Pattern.compile("\\bin (days|minutes|mins|weeks|seconds|secs|euros?|eur|gbp|pounds|thousands|millions)\\b");
    // "of all our programs, which one ...": one group, whatever the number of the dimension's word
    private static final Pattern WHICH_ONE = Pattern.compile("\\b(?:which|what) one\\b");
    // "how long did it take", "how many hours": a question of a duration, not of a count
    private static final Pattern DURATION = Pattern.compile("\\bhow (?:long|fast|quickly|soon)\\b|\\bhow many (?:hours|days|minutes)\\b");
    private static final Set<String> DURATION_UNITS = Set.of("seconds", "minutes", "hours", "days", "weeks");
    // the words "not" may stand apart from its value by: "not yet closed"
    private static final Set<String> NEGATION_FILLERS = Set.of("yet", "been", "being", "already", "currently");
    // the words that join two parts of one question: "incidents opened and resolved"
    private static final Set<String> COORDINATORS = Set.of("and", "or", "vs", "versus");
    // words of a state, not of an event: "incidents still unresolved", "risks that remain open"
    private static final Set<String> STATE_CUES = Set.of("still", "are", "is", "remain", "remains", "remaining", "currently", "stay", "stays");

    private final SemanticModel model;
    private final Vocabulary vocabulary;
    private final Set<String> knownWords;
    private final Set<String> mendTargets;

    public Interpreter(SemanticModel model, Vocabulary vocabulary)
    {
        this.model = requireNonNull(model, "model is null");
        this.vocabulary = requireNonNull(vocabulary, "vocabulary is null");
        Set<String> known = new HashSet<>(vocabulary.words());
        known.addAll(FunctionWords.mendable());
        known.addAll(TimeExpressions.WORDS);
        known.addAll(CUE_WORDS);
        this.mendTargets = Set.copyOf(known);
        known.addAll(FunctionWords.handling());
        this.knownWords = Set.copyOf(known);
    }

    public Vocabulary vocabulary()
    {
        return vocabulary;
    }

    public Interpretation interpret(String question, LocalDate asOf)
    {
        return interpret(question, asOf, Optional.empty());
    }

    /**
     * @param earlier the question of the conversation this one may follow up on, with the plan it was answered with;
     *     see {@link Carry} for what a follow-up takes from it
     */
    public Interpretation interpret(String question, LocalDate asOf, Optional<Earlier> earlier)
    {
        return new Reading(question, asOf, earlier).read();
    }

    /**
     * One question being read: the words, which of them are used up, and what they were found to mean.
     */
    private final class Reading
    {
        private final String original;
        private final String text;
        private final LocalDate asOf;
        private final List<Token> tokens;
        private final boolean[] used;
        private final List<String> understood = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final List<String> mended;
        // the tokens of data values used as verbs: "did we close"
        private final List<Integer> verbs = new ArrayList<>();
        private final Set<String> toDate = new HashSet<>();
        private final Optional<Earlier> earlier;

        Reading(String question, LocalDate asOf, Optional<Earlier> earlier)
        {
            this.original = question;
            Spelling.Mended mending = Spelling.mend(question, Words.normalize(question), knownWords, mendTargets);
            this.text = mending.text();
            this.mended = mending.mended();
            mended.forEach(mend -> understood.add("read " + mend));
            this.asOf = asOf;
            this.earlier = requireNonNull(earlier, "earlier is null");
            this.tokens = Words.tokens(text);
            this.used = new boolean[tokens.size()];
        }

        Interpretation read()
        {
            // as typed: "close" is a word of its own, not a slip of "closed"
            Matcher write = WRITE_REQUEST.matcher(Words.normalize(original));
            if (write.find()) {
                return declined("This assistant only reads data: it cannot %s anything. Ask the owner of the source system to make the change; ask me about the numbers.".formatted(write.group().strip().replaceAll("^.*\\s", "")));
            }
            useEvery(FILLER);
            List<Period> periods = periods();
            if (periods.size() > 1 && periods.stream().map(Period::words).distinct().count() < periods.size()) {
                periods = List.of(periods.getFirst());
            }
            Optional<Period> period = periods.stream().findFirst();
            if (periods.size() > 1) {
                // "more", "fewer", "change": the periods' numbers side by side answer how they compare
                useEvery(COMPARING_WORDS);
            }

            Optional<OverBudget.Sides> planAndActual = model.overBudget().flatMap(OverBudget::sides).filter(sides -> find(PLAN_VS_ACTUAL).isPresent());
            planAndActual.ifPresent(sides -> understood.add("planned vs actual"));
            boolean againstBudget = planAndActual.isEmpty() && model.overBudget().flatMap(OverBudget::sides).isPresent() && find(AGAINST_BUDGET).isPresent();
            boolean bothSides = planAndActual.isEmpty() && find(BOTH_BUDGET_SIDES).isPresent();
            Optional<Comparison> budgetSide = bothSides ? Optional.empty() : budgetSide();
            Optional<NumericComparison> comparison = numericComparison();
            Optional<Ranking> ranking = ranking();
            boolean trend = find(TREND).isPresent();

            List<Match<Term>> matches = vocabulary.terms().find(tokens, used);
            List<String> metrics = new ArrayList<>();
            List<Match<Term>> metricMatches = new ArrayList<>();
            for (Match<Term> match : matches) {
                for (Term term : match.things()) {
                    if (term instanceof MetricTerm(String metric) && !metrics.contains(metric)) {
                        metrics.add(metric);
                        metricMatches.add(match);
                    }
                }
            }

            boolean narrative = has(NARRATIVE);
            boolean quantitative = has(QUANTITATIVE) || comparison.isPresent() || ranking.isPresent() || budgetSide.isPresent();
            // "Apollo projects over budget" picks some of Apollo's projects, so it lists them, and "the worst project" is one
            // of them all; "the Horizon teams' points" sums them
            boolean selecting = budgetSide.isPresent() || bothSides || comparison.isPresent() || ranking.isPresent();
            List<GroupMention> groups = groupMentions(matches, selecting);
            for (int i = metrics.size() - 1; i >= 0; i--) {
                String table = model.metrics().get(metrics.get(i)).table();
                boolean another = metrics.stream().filter(other -> model.metrics().get(other).table().equals(table)).count() > 1;
                Match<Term> match = metricMatches.get(i);
                // "what are the main risks to Apollo?" asks for the risks, not for their count; "the on-time rate of
                // milestones" for the rate alone; "why is X behind schedule?" for the story, while "which programs have
                // overdue milestones, and why?" still wants the numbers per program
                boolean names = isTextSourceWord(match, true);
                boolean mentions = isTextSourceWord(match, false);
                // "how many P1 incidents, and how long did they take to fix?" asks for the count as well; "how many
                // milestones did we deliver late" only for the count of the late ones
                String name = metrics.get(i);
                boolean anotherCount = metrics.stream().filter(other -> !other.equals(name) && model.metrics().get(other).table().equals(table))
                        .anyMatch(other -> model.metrics().get(other).sql().strip().startsWith("count("));
                boolean counted = has(HOW_MANY) && model.metrics().get(name).sql().strip().equalsIgnoreCase("count(*)") && !anotherCount;
                if ((names && ((narrative && !quantitative) || (another && !counted))) || (mentions && narrative && !quantitative && groups.isEmpty())) {
                    metrics.remove(i);
                    metricMatches.remove(i);
                }
            }
            List<ValueMention> values = valueMentions(matches, groups);
            // "closed risks Falcon has" are the ones closed to date; "risks closed" an event of a period
            for (int i = 0; i < metrics.size(); i++) {
                Match<Term> match = metricMatches.get(i);
                if (match.end() - match.start() > 1 && tokens.get(match.start()).text().endsWith("ed") && model.metrics().get(metrics.get(i)).date().isPresent()) {
                    toDate.add(metrics.get(i));
                }
            }
            swapForQualifiedMetrics(metrics, metricMatches, values);
            durationAsked(metrics, values);
            if (metrics.isEmpty() && has(HOW_MANY)) {
                countOf(values).ifPresent(count -> metrics.add(qualifiedCount(count, values)));
            }
            boolean percent = has(PERCENT);
            if (percent) {
                metrics.replaceAll(this::inPercent);
            }
            if (againstBudget) {
                OverBudget.Sides sides = model.overBudget().flatMap(OverBudget::sides).orElseThrow();
                if (metrics.stream().anyMatch(this::onBudgetLines)) {
                    metrics.remove(sides.plan());
                    metrics.add(sides.plan());
                }
                else {
                    bothSides = true;
                }
            }
            boolean budgetWords = budgetSide.isPresent() || bothSides;
            if (budgetWords && model.overBudget().isEmpty()) {
                problems.add("I cannot tell what \"over budget\" or \"under budget\" measures: the semantic model has no over_budget.");
            }
            else if (budgetWords) {
                OverBudget overBudget = model.overBudget().get();
                // "the forecast above plan" is not the variance of actual spend: another measure of the budget lines
                otherBudgetMeasure(metrics).ifPresent(other -> problems.add("Over and under budget compare actual spend with the plan; I cannot compare %s with the plan yet.".formatted(other.label())));
                metrics.removeIf(this::onBudgetLines);
                boolean money = has(MONEY);
                if (bothSides) {
                    understood.add("over or under budget");
                    // "in dollars" asks for the amount alone, "as a percentage" for the percentage alone
                    metrics.addAll(0, money && !percent ? List.of(overBudget.amount()) : percent && !money ? List.of(overBudget.percent()) : List.of(overBudget.amount(), overBudget.percent()));
                }
                else if (comparison.isPresent()) {
                    // "more than $100k over budget" is an amount, "more than 10% over budget" a percentage
                    metrics.addFirst(comparison.get().isPercent() || !comparison.get().isMoney() ? overBudget.percent() : overBudget.amount());
                }
                else {
                    metrics.addAll(0, percent ? List.of(overBudget.percent()) : money ? List.of(overBudget.amount()) : List.of(overBudget.percent(), overBudget.amount()));
                }
            }
            planAndActual.ifPresent(sides -> {
                metrics.removeIf(this::onBudgetLines);
                metrics.addAll(0, List.of(sides.plan(), sides.actual()));
            });
            boolean health = metrics.isEmpty() && !values.isEmpty() && has(HEALTH);
            if (health) {
                metrics.addAll(model.scorecard());
            }
            Optional<Carry> carry = earlier.isPresent() && followsUp(metrics, periods) ? Optional.of(new Carry(model, earlier.get(), asOf)) : Optional.empty();
            if (carry.isPresent()) {
                understood.add("a follow-up to \"%s\"".formatted(carry.get().question()));
                useEvery(FOLLOW_UP_WORDS);
                if (metrics.isEmpty()) {
                    // "and as a percentage?", "and in dollars?": the earlier measure in the unit asked for
                    UnaryOperator<String> unit = percent ? this::inPercent : has(MONEY) ? this::inMoney : UnaryOperator.identity();
                    carry.get().metrics().stream().map(unit).distinct().forEach(metrics::add);
                }
            }

            unknownNames(values);
            meaningChangers();
            unanswerableShapes(metrics, periods, comparison);

            Optional<TimeGrain> comparedSlices = sliceGrain(periods);
            if (comparedSlices.isPresent()) {
                // "this quarter vs last quarter": one statement over both, by quarter, as a trend of two slices reads
                LocalDate from = periods.stream().map(Period::from).min(Comparator.naturalOrder()).orElseThrow();
                LocalDate to = periods.stream().map(Period::to).max(Comparator.naturalOrder()).orElseThrow();
                String words = String.join(" and ", periods.stream().sorted(Comparator.comparing(Period::from)).map(Period::words).toList());
                periods = List.of(Period.dates(from, to, words));
            }
            List<MetricQuery> queries = new ArrayList<>();
            for (String name : metrics) {
                Metric metric = model.metrics().get(name);
                List<Period> asked = periods;
                if (carry.isPresent() && (periods.isEmpty() || has(COMPARE))) {
                    asked = Stream.concat(carry.get().periods(metric).stream(), periods.stream())
                            .filter(distinctDates())
                            .toList();
                }
                for (Optional<Period> each : asked.isEmpty() ? List.of(Optional.<Period>empty()) : asked.stream().map(Optional::of).toList()) {
                    buildQuery(metric, each, values, groups, budgetSide, comparison, ranking, trend, health, carry).ifPresent(queries::add);
                }
            }
            // the slices read oldest first unless something ranks them, so "Q3 vs Q2" says how Q2 became Q3
            comparedSlices.ifPresent(grain -> queries.replaceAll(query -> query.groupBy().contains(grain.label()) ? query : new MetricQuery(query.metric(),
                    Stream.concat(Stream.of(grain.label()), query.groupBy().stream()).toList(), query.filters(), query.time(), query.having(),
                    query.limit() == null ? "time" : query.order(), query.limit())));
            if (!queries.isEmpty()) {
                coverage(queries);
            }
            if (health) {
                queries.removeIf(query -> query.filters().isEmpty());
            }
            List<Retrieval> retrievals = new ArrayList<>();
            boolean explain = narrative || carry.map(Carry::explained).orElse(false);
            if (explain || (metrics.isEmpty() && mentionsTextSource())) {
                retrievals.add(retrieval(queries, values, period, !queries.isEmpty() && explain, carry));
            }

            if (!problems.isEmpty()) {
                return declined(String.join(" ", new LinkedHashSet<>(problems)));
            }
            if (queries.isEmpty() && retrievals.isEmpty()) {
                String reason = metrics.isEmpty()
                        ? "I could not tell which measure you are asking about."
                        : "None of the measures I recognised can be answered as asked.";
                return new Interpretation(new Plan(List.of(), List.of()), understood, Optional.of(reason), Optional.empty(), mended, Optional.empty());
            }
            queries.forEach(query -> understood.add(describe(query)));
            Plan plan = new Plan(queries, retrievals);
            return new Interpretation(plan, understood, Optional.empty(), Optional.empty(), mended, carry.map(carried -> carried.describe(plan)));
        }

        /**
         * A word without its verb ending, so that "complete" is a word of "points completed".
         */
        private static String root(String stem)
        {
            for (String ending : List.of("ing", "ed", "e", "d")) {
                if (stem.length() > ending.length() + 3 && stem.endsWith(ending)) {
                    return stem.substring(0, stem.length() - ending.length());
                }
            }
            return stem;
        }

        /**
         * A question leans on the one before when it names neither a measure nor a kind of record ("and for Falcon?",
         * "why?"), or opens as a follow-up or says "instead" without naming its own period ("what about velocity?").
         * One that names its measure and its period stands on its own.
         */
        private boolean followsUp(List<String> metrics, List<Period> periods)
        {
            if (metrics.isEmpty()) {
                return !mentionsTextSource() || has(FOLLOW_UP);
            }
            return periods.isEmpty() && has(FOLLOW_UP);
        }

        private String inPercent(String metric)
        {
            return model.metrics().containsKey(metric + "_pct") ? metric + "_pct" : metric;
        }

        private String inMoney(String metric)
        {
            String amount = metric.replaceFirst("_pct$", "");
            return model.metrics().containsKey(amount) && model.metrics().get(amount).unit().equals("USD") ? amount : metric;
        }

        /**
         * "compare this quarter with this quarter" is one period: the same dates once, whatever their words.
         */
        private static Predicate<Period> distinctDates()
        {
            Set<List<Object>> seen = new HashSet<>();
            return period -> seen.add(List.of(period.from(), period.to(), period.lastSprints()));
        }

        private Interpretation declined(String reason)
        {
            return new Interpretation(new Plan(List.of(), List.of()), understood, Optional.of(reason), Optional.empty(), mended, Optional.empty());
        }

        /**
         * The grain whose consecutive slices the periods are, oldest first ("last quarter", "this quarter"), if they are.
         */
        private Optional<TimeGrain> sliceGrain(List<Period> periods)
        {
            if (periods.size() < 2) {
                return Optional.empty();
            }
            List<Period> ordered = periods.stream().sorted(Comparator.comparing(Period::from)).toList();
            for (TimeGrain grain : List.of(TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.YEAR)) {
                boolean slices = true;
                for (int i = 0; i < ordered.size() && slices; i++) {
                    Period period = ordered.get(i);
                    slices = isSlice(period, grain) && (i == 0 || ordered.get(i - 1).to().plusDays(1).equals(period.from()));
                }
                if (slices) {
                    return Optional.of(grain);
                }
            }
            return Optional.empty();
        }

        private static boolean isSlice(Period period, TimeGrain grain)
        {
            LocalDate from = period.from();
            return from.getDayOfMonth() == 1 && switch (grain) {
                case MONTH -> period.to().equals(from.plusMonths(1).minusDays(1));
                case QUARTER -> (from.getMonthValue() - 1) % 3 == 0 && period.to().equals(from.plusMonths(3).minusDays(1));
                case YEAR -> from.getMonthValue() == 1 && period.to().equals(from.plusYears(1).minusDays(1));
                default -> false;
            };
        }

        /**
         * Every period the question names, marked used. Two or more are compared ("this quarter vs last quarter") when
         * only a comparing word stands between them; otherwise the question is ambiguous and declined.
         */
        private List<Period> periods()
        {
            List<TimeExpressions.Found> found = TimeExpressions.findEach(text, asOf, model.fiscalYear());
            found.forEach(each -> use(each.start(), each.end()));
            for (int i = 1; i < found.size(); i++) {
                String between = text.substring(found.get(i - 1).end(), found.get(i).start());
                if (!PERIOD_COMPARISON.matcher(between).matches() && !PERIODS_COMPARED.matcher(between).matches()) {
                    problems.add("I found more than one period (%s) and cannot tell which one you mean; ask for one, or compare them as \"%s vs %s\".".formatted(
                            String.join(", ", found.stream().map(each -> "\"" + each.period().words() + "\"").toList()), found.get(i - 1).period().words(), found.get(i).period().words()));
                    return List.of(found.getFirst().period());
                }
                // the comparing word is accounted for
                use(found.get(i - 1).end(), found.get(i).start());
            }
            return found.stream().map(TimeExpressions.Found::period).toList();
        }

        /**
         * The rule that keeps numbers right: every word of the question is accounted for by the plan or is a function
         * word. A word left over could change the number ("closed", "median", "the blockchain team"), so the question is
         * declined, naming it, rather than answered without it. Only answers with numbers are held to this: a search
         * for context reads the whole question by meaning.
         */
        private void coverage(List<MetricQuery> queries)
        {
            boolean[] covered = used.clone();
            // "story points completed": a word of the chosen measure's own names describes it
            Set<String> measureWords = new HashSet<>();
            for (MetricQuery query : queries) {
                Metric metric = model.metrics().get(query.metric());
                Words.stems(metric.label()).forEach(stem -> measureWords.add(root(stem)));
                metric.synonyms().forEach(synonym -> Words.stems(synonym).forEach(stem -> measureWords.add(root(stem))));
            }
            List<Pattern> cues = new ArrayList<>(List.of(NARRATIVE, QUANTITATIVE, HEALTH_WORDS, TREND, TOTAL, HOW_MANY, PERCENT, NOW));
            if (queries.stream().anyMatch(query -> query.groupBy().stream().anyMatch(group -> TimeGrain.of(group).isPresent()))) {
                cues.add(IMPROVING);
            }
            for (Pattern cue : cues) {
                Matcher matcher = cue.matcher(text);
                while (matcher.find()) {
                    for (int i = 0; i < tokens.size(); i++) {
                        if (tokens.get(i).start() >= matcher.start() && tokens.get(i).end() <= matcher.end()) {
                            covered[i] = true;
                        }
                    }
                }
            }
            vocabulary.textSources().find(tokens, covered.clone()).forEach(match -> {
                for (int i = match.start(); i < match.end(); i++) {
                    covered[i] = true;
                }
            });
            // "average" is accounted for only by a measure that is an average: the average of a sum is another number
            boolean averages = queries.stream().map(query -> model.metrics().get(query.metric())).allMatch(metric -> metric.sql().contains("avg(") || metric.unit().contains("/"));
            if (!averages) {
                for (int i = 0; i < tokens.size(); i++) {
                    if (AVERAGE_WORDS.contains(tokens.get(i).text()) && !used[i]) {
                        covered[i] = false;
                    }
                }
            }
            List<String> leftover = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                boolean averageOfNoAverage = !averages && AVERAGE_WORDS.contains(token.text());
                if (!covered[i] && (averageOfNoAverage || !measureWords.contains(root(token.stem())) && !FunctionWords.contains(token.text()) && !FunctionWords.contains(token.stem()))
                        && !leftover.contains(original(i, i + 1))) {
                    leftover.add(original(i, i + 1));
                }
            }
            if (!leftover.isEmpty()) {
                problems.add("I did not understand %s, and %s could change the number, so I will not guess one.".formatted(
                        String.join(", ", leftover.stream().map(word -> "\"" + word + "\"").toList()), leftover.size() == 1 ? "it" : "they"));
            }
        }

        private Optional<MetricQuery> buildQuery(Metric metric, Optional<Period> period, List<ValueMention> values, List<GroupMention> groups,
                Optional<Comparison> budgetSide, Optional<NumericComparison> comparison, Optional<Ranking> ranking, boolean trend, boolean health, Optional<Carry> carry)
        {
            TableSpec table = model.tables().get(metric.table());
            List<String> groupBy = new ArrayList<>();
            for (GroupMention group : groups) {
                if (group.grain().isPresent()) {
                    TimeGrain grain = group.grain().get();
                    // "burn per month", "points per sprint": the measure's own unit, not a slicing
                    if (metric.unit().endsWith("/" + grain.label()) && (group.match().start() > 0 && tokens.get(group.match().start() - 1).text().equals("per") || group.words().startsWith(grain.label().substring(0, 3)) && SLICING_GRAINS.contains(group.words()))) {
                        continue;
                    }
                    if (grain == TimeGrain.SPRINT && !table.sprints()) {
                        problems.add("%s is not measured per sprint.".formatted(capitalize(metric.label())));
                        return Optional.empty();
                    }
                    addOnce(groupBy, grain.label());
                    continue;
                }
                Optional<Dimension> dimension = group.dimensions().stream()
                        .map(name -> model.dimensions().get(name))
                        .filter(candidate -> model.reaches(metric.table(), candidate))
                        .findFirst();
                if (dimension.isEmpty()) {
                    if (!health) {
                        problems.add("%s cannot be broken down by %s.".formatted(capitalize(metric.label()), group.words()));
                    }
                    return Optional.empty();
                }
                addOnce(groupBy, dimension.get().name());
            }
            if (groups.isEmpty()) {
                carry.ifPresent(carried -> carried.groupBy(metric).forEach(group -> addOnce(groupBy, group)));
            }
            if (trend && groupBy.stream().noneMatch(group -> TimeGrain.of(group).isPresent())) {
                groupBy.add(TimeGrain.MONTH.label());
            }

            Map<String, List<String>> filters = new LinkedHashMap<>();
            Set<String> pooled = new HashSet<>();
            for (ValueMention mention : values) {
                Optional<ValueTerm> value = resolve(metric, mention, health);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                List<String> kept = filters.computeIfAbsent(value.get().dimension(), key -> new ArrayList<>());
                if (!mention.negated()) {
                    kept.add(value.get().value());
                    continue;
                }
                // "not closed" is every other status, pooled, as "open or mitigating" would be
                Dimension negated = model.dimensions().get(value.get().dimension());
                Optional<List<String>> others = negated.negatable() ? vocabulary.complement(negated.name(), value.get().value()) : Optional.empty();
                if (others.isEmpty()) {
                    problems.add("I cannot apply \"not\" to the %s \"%s\" yet, so I will not guess a number.".formatted(negated.label(), mention.words()));
                    return Optional.empty();
                }
                others.get().forEach(other -> addOnce(kept, other));
                pooled.add(value.get().dimension());
            }
            Set<String> named = Set.copyOf(filters.keySet());
            // "by program instead" after Apollo asks for every program
            Set<String> regrouped = groups.isEmpty() ? Set.of() : Set.copyOf(groupBy);
            carry.ifPresent(carried -> carried.filters(metric, named, regrouped).forEach(filters::putIfAbsent));
            // "SEV1 and SEV2 by month": a row for each value named, beside the other groups; "combined" pools them
            filters.forEach((dimension, kept) -> {
                if (kept.size() > 1 && !groupBy.contains(dimension) && !has(TOTAL) && !pooled.contains(dimension)) {
                    groupBy.add(dimension);
                }
            });

            if (ranking.isPresent() && groupBy.isEmpty() && !health) {
                List<String> rankable = model.dimensions().values().stream().filter(dimension -> model.reaches(metric.table(), dimension)).map(Dimension::label).limit(4).toList();
                problems.add("\"%s\" needs something to rank: say by which %s or period.".formatted(ranking.get().word(), String.join(", ", rankable)));
                return Optional.empty();
            }
            // "is Cascade over budget?" answers with Cascade's variance whatever its sign
            Comparison having = groupBy.isEmpty() ? null : budgetSide.orElse(null);
            if (comparison.isPresent() && comparison.get().appliesTo(metric)) {
                having = comparison.get().comparison(metric);
            }
            String order = groupBy.stream().anyMatch(group -> TimeGrain.of(group).isPresent()) ? "time" : "desc";
            Integer limit = null;
            // "the two projects with the most ...", "which 3 projects are ..."
            Optional<Integer> groupCount = groups.stream().map(GroupMention::count).flatMap(Optional::stream).findFirst();
            boolean under = budgetSide.isPresent() && budgetSide.get().op().equals("<");
            if (ranking.isPresent() && !groupBy.isEmpty()) {
                order = budgetSide.isPresent() && ranking.get().isExtent() ? (under ? "asc" : "desc") : ranking.get().order(metric);
                limit = ranking.get().count().or(() -> groupCount).orElse(!ranking.get().ordering() && (groups.stream().anyMatch(GroupMention::singular) || has(WHICH_ONE)) ? 1 : null);
            }
            else {
                if (under) {
                    order = "asc";
                }
                if (!groupBy.isEmpty()) {
                    limit = groupCount.orElse(null);
                }
            }
            Optional<MetricQuery> ranked = ranking.isEmpty() && groupCount.isEmpty() && !groupBy.isEmpty() ? carry.flatMap(carried -> carried.ranking(metric)) : Optional.empty();
            if (ranked.isPresent()) {
                order = ranked.get().order();
                limit = ranked.get().limit();
            }
            if (having == null && budgetSide.isEmpty() && comparison.isEmpty()) {
                having = carry.flatMap(carried -> carried.having(metric)).orElse(null);
            }
            // "open incidents by severity": a severity with none open is not one of them, as a WHERE would leave it out
            // (a count of some of the rows is the one that can be 0 for a slice); a month with none stays in a trend
            boolean slicedByTime = groupBy.stream().anyMatch(group -> TimeGrain.of(group).isPresent());
            boolean count = metric.sql().strip().startsWith("count(");
            boolean countOfSome = count && metric.sql().contains("FILTER");
            if (having == null && !groupBy.isEmpty() && count && (startsWithQuestionWord() || (countOfSome && !slicedByTime))) {
                having = new Comparison(">", 0);
            }
            if (period.isEmpty() && toDate.contains(metric.name()) && carry.isEmpty()) {
                period = Optional.of(Period.allTime(asOf, "all time"));
            }
            // "open incidents today" counts what is open now, not what was opened today
            if (period.isPresent() && metric.defaultPeriod().isEmpty() && period.get().from().equals(asOf) && period.get().to().equals(asOf)) {
                period = Optional.empty();
            }
            if (period.isPresent() && metric.dateSql(table).isEmpty()) {
                problems.add("%s has no dates, so it cannot be limited to %s.".formatted(capitalize(metric.label()), period.get().words()));
                return Optional.empty();
            }
            if (period.isPresent() && period.get().isSprints() && !table.sprints()) {
                problems.add("%s is not measured per sprint, so \"%s\" does not apply to it.".formatted(capitalize(metric.label()), period.get().words()));
                return Optional.empty();
            }
            return Optional.of(new MetricQuery(metric.name(), groupBy, filters, period.map(this::planTime).orElse(null), having, order, limit));
        }

        /**
         * The period as a plan states it: the words when they resolve alone to the same dates, else the dates.
         */
        private String planTime(Period period)
        {
            Optional<Period> again = TimeExpressions.parse(period.words(), asOf, model.fiscalYear());
            if (again.isPresent() && again.get().from().equals(period.from()) && again.get().to().equals(period.to()) && again.get().lastSprints() == period.lastSprints()) {
                return period.words();
            }
            return period.from() + ".." + period.to();
        }

        private Optional<ValueTerm> resolve(Metric metric, ValueMention mention, boolean health)
        {
            // "say/do (completed over committed points)": a status that is also a word of this table's measures may
            // describe the measure rather than filter it; asking beats a filter that contradicts the question
            Set<String> measureWords = model.metrics().values().stream()
                    .filter(other -> other.table().equals(metric.table()))
                    .flatMap(other -> other.synonyms().stream())
                    .flatMap(synonym -> Words.stems(synonym).stream())
                    .map(Reading::root)
                    .collect(toSet());
            if (!health && mention.values().stream().noneMatch(value -> model.dimensions().get(value.dimension()).table().equals(metric.table()))
                    && measureWords.containsAll(Words.stems(mention.words()).stream().map(Reading::root).toList())) {
                problems.add("\"%s\" could be the %s %s or a word of the measure; say which (for example \"for %s projects\").".formatted(mention.words(),
                        model.dimensions().get(mention.values().getFirst().dimension()).label(), mention.values().getFirst().value(), mention.values().getFirst().value()));
                return Optional.empty();
            }
            List<ValueTerm> candidates = mention.values().stream()
                    .filter(value -> model.reaches(metric.table(), model.dimensions().get(value.dimension())))
                    // "paused programs": a status of the programs' own table describes the programs
                    .filter(value -> mention.dimensionWord().isEmpty() || mention.dimensionWord().get().stream()
                            .anyMatch(word -> word.equals(value.dimension()) || model.dimensions().get(word).table().equals(model.dimensions().get(value.dimension()).table())))
                    .toList();
            if (candidates.isEmpty() && mention.dimensionWord().isPresent()) {
                candidates = partialName(mention, metric);
            }
            if (candidates.isEmpty()) {
                candidates = shorterValue(mention, metric);
            }
            if (candidates.isEmpty()) {
                if (!health) {
                    problems.add("%s cannot be filtered by \"%s\" (%s).".formatted(capitalize(metric.label()), mention.words(),
                            String.join(", ", mention.values().stream().map(value -> model.dimensions().get(value.dimension()).label()).distinct().toList())));
                }
                return Optional.empty();
            }
            int nearest = candidates.stream().mapToInt(value -> joins(metric, value)).min().orElseThrow();
            List<ValueTerm> best = candidates.stream().filter(value -> joins(metric, value) == nearest).toList();
            if (best.stream().map(ValueTerm::dimension).distinct().count() > 1 || best.size() > 1) {
                problems.add("\"%s\" could mean %s; say which.".formatted(mention.words(),
                        String.join(" or ", best.stream().map(value -> "the %s %s".formatted(model.dimensions().get(value.dimension()).label(), value.value())).toList())));
                return Optional.empty();
            }
            return Optional.of(best.getFirst());
        }

        /**
         * "high severity risks": the incident severity "high severity" does not apply to risks, the risk severity "high" does.
         */
        private List<ValueTerm> shorterValue(ValueMention mention, Metric metric)
        {
            for (int length = mention.end() - mention.start() - 1; length >= 1; length--) {
                for (int from = mention.start(); from + length <= mention.end(); from++) {
                    int span = length;
                    List<ValueTerm> found = vocabulary.terms().find(tokens.subList(from, from + length), new boolean[length]).stream()
                            .filter(match -> match.start() == 0 && match.end() == span)
                            .flatMap(match -> match.things().stream())
                            .filter(ValueTerm.class::isInstance)
                            .map(ValueTerm.class::cast)
                            .filter(value -> model.reaches(metric.table(), model.dimensions().get(value.dimension())))
                            .toList();
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
            }
            return List.of();
        }

        private List<ValueTerm> partialName(ValueMention mention, Metric metric)
        {
            List<String> stems = Words.stems(mention.words());
            return vocabulary.terms().containing(stems).stream()
                    .filter(ValueTerm.class::isInstance)
                    .map(ValueTerm.class::cast)
                    .filter(value -> mention.dimensionWord().get().contains(value.dimension()))
                    .filter(value -> model.reaches(metric.table(), model.dimensions().get(value.dimension())))
                    .toList();
        }

        private int joins(Metric metric, ValueTerm value)
        {
            return model.pathTo(metric.table(), model.dimensions().get(value.dimension())).orElseThrow().size();
        }

        /**
         * The "not" that negates the value starting at {@code start}: "not closed", "not yet closed", "still not done".
         */
        private OptionalInt negation(int start)
        {
            int before = start - 1;
            while (before >= 0 && NEGATION_FILLERS.contains(tokens.get(before).text())) {
                before--;
            }
            return before >= 0 && !used[before] && tokens.get(before).text().equals("not") ? OptionalInt.of(before) : OptionalInt.empty();
        }

        private List<ValueMention> valueMentions(List<Match<Term>> matches, List<GroupMention> groups)
        {
            List<ValueMention> mentions = new ArrayList<>();
            for (Match<Term> match : matches) {
                List<ValueTerm> values = match.things().stream().filter(ValueTerm.class::isInstance).map(ValueTerm.class::cast).toList();
                if (values.isEmpty()) {
                    continue;
                }
                if (isVerb(match)) {
                    verbs.add(match.start());
                    continue;
                }
                List<Match<Term>> qualifiers = matches.stream().filter(other -> groups.stream().noneMatch(group -> group.match() == other)).toList();
                Optional<List<String>> dimensionWord = adjacentDimension(qualifiers, match);
                if (dimensionWord.isEmpty() && values.stream().map(ValueTerm::dimension).distinct().count() > 1) {
                    // "paused programs": a value of several dimensions, right before the one it describes
                    dimensionWord = matches.stream().filter(other -> other.start() == match.end() && !dimensionsOf(other).isEmpty()).findFirst().map(this::dimensionsOf);
                }
                String words = words(match.start(), match.end());
                boolean name = values.stream().allMatch(value -> !value.value().isEmpty() && Character.isUpperCase(value.value().charAt(0)));
                if (name && isCommonNoun(match) && dimensionWord.isEmpty()) {
                    // "the delta in MTTR", "a cascade of incidents": a word that is also a name, used as a word
                    problems.add("I read \"%s\" as a word, not as the %s %s; write the name with a capital letter if you mean it.".formatted(
                            original(match.start(), match.end()), model.dimensions().get(values.getFirst().dimension()).label(), values.getFirst().value()));
                    continue;
                }
                OptionalInt not = name ? OptionalInt.empty() : negation(match.start());
                not.ifPresent(index -> used[index] = true);
                mentions.add(new ValueMention(words, values, dimensionWord, match.start(), match.end(), not.isPresent()));
                understood.add("%s %s%s".formatted(String.join(" or ", values.stream().map(value -> model.dimensions().get(value.dimension()).label()).distinct().toList()),
                        not.isPresent() ? "not " : "", original(match.start(), match.end())));
            }
            // a name the data does not know, right beside a dimension word: "the Zeus program"
            for (Match<Term> match : matches) {
                if (match.things().getFirst() instanceof DimensionTerm && !isGroupCue(matches, match)) {
                    int before = match.start() - 1;
                    if (before >= 0 && !used[before] && isCapitalized(before)) {
                        problems.add("I know no %s named \"%s\".".formatted(words(match.start(), match.end()), original(before, before + 1)));
                    }
                }
            }
            return mentions;
        }

        /**
         * "How many P1s ..." counts the rows of the table whose value was named.
         */
        private Optional<String> countOf(List<ValueMention> values)
        {
            return values.stream()
                    .flatMap(mention -> mention.values().stream())
                    .map(value -> model.dimensions().get(value.dimension()).table())
                    .flatMap(table -> model.metrics().values().stream()
                            .filter(metric -> metric.table().equals(table) && metric.sql().strip().equalsIgnoreCase("count(*)")))
                    .map(Metric::name)
                    .findFirst();
        }

        /**
         * "How many P1s are open?": the count's own noun ("incidents") and the status word read together name a measure
         * ("open incidents") rather than a status of another table.
         */
        private String qualifiedCount(String count, List<ValueMention> values)
        {
            Set<String> noun = new HashSet<>(Words.stems(model.metrics().get(count).synonyms().getFirst()));
            for (ValueMention value : List.copyOf(values)) {
                Optional<String> qualified = qualified(count, noun, Words.stems(value.words()), false);
                if (qualified.isPresent()) {
                    values.remove(value);
                    return qualified.get();
                }
            }
            return count;
        }

        private boolean isCommonNoun(Match<Term> match)
        {
            boolean oneWord = match.end() - match.start() == 1;
            boolean article = match.start() > 0 && Set.of("the", "a", "an").contains(tokens.get(match.start() - 1).text());
            boolean of = match.end() < tokens.size() && Set.of("of", "between").contains(tokens.get(match.end()).text());
            return oneWord && !isCapitalized(match.start()) && (article || of);
        }

        private boolean isVerb(Match<Term> match)
        {
            return match.end() - match.start() == 1 && match.start() > 0 && !isCapitalized(match.start())
                    && SUBJECTS.contains(tokens.get(match.start() - 1).text());
        }

        /**
         * "open" and "risks" read apart as a status and a count, together as the metric "open risks".
         */
        private void swapForQualifiedMetrics(List<String> metrics, List<Match<Term>> metricMatches, List<ValueMention> values)
        {
            for (int i = 0; i < metrics.size(); i++) {
                Set<String> namedStems = Set.copyOf(Words.stems(words(metricMatches.get(i).start(), metricMatches.get(i).end())));
                // every qualifier taken stays part of the measure: "milestones" + "late" + "delivered" is one measure
                Set<String> stems = new HashSet<>(namedStems);
                restatedByMeasure(values, metricMatches.get(i));
                for (ValueMention value : List.copyOf(values)) {
                    if (!values.contains(value)) {
                        continue;
                    }
                    List<String> valueStems = Words.stems(value.words());
                    if (value.negated()) {
                        restatedComplement(values, value.values(), value);
                        // "risks not yet closed" are a measure of their own where the model names one ("risks not
                        // closed"), else every other status; never a measure of closing
                        List<String> notValue = Stream.concat(Stream.of("not"), valueStems.stream()).toList();
                        String current = metrics.get(i);
                        Optional<String> negated = withNounAlone(Set.copyOf(stems), namedStems)
                                .flatMap(words -> qualified(current, words, notValue, false).stream())
                                .findFirst();
                        if (negated.isPresent() && !metrics.contains(negated.get())) {
                            metrics.set(i, negated.get());
                            values.remove(value);
                        }
                        continue;
                    }
                    // "story points completed": "completed" is part of the measure, not a project status
                    if (model.metrics().get(metrics.get(i)).synonyms().stream().anyMatch(synonym -> Words.stems(synonym).containsAll(valueStems))) {
                        values.remove(value);
                        continue;
                    }
                    // "milestones with the status late": a value named with its dimension is a filter, not a word of the measure
                    if (value.dimensionWord().isPresent()) {
                        continue;
                    }
                    Optional<String> qualified = qualified(metrics.get(i), stems, valueStems, false);
                    if (qualified.isPresent() && !metrics.contains(qualified.get())) {
                        metrics.set(i, qualified.get());
                        values.remove(value);
                        stems.addAll(valueStems);
                    }
                    else if (alongside(metrics, metricMatches, i, namedStems, valueStems)) {
                        values.remove(value);
                    }
                }
                // "incidents were resolved", "risks did we close": a verb names the event a measure counts, so it can
                // only choose a measure placed in time by that event; "incidents did we open" stays the incident count
                for (int t = 0; t < tokens.size(); t++) {
                    boolean free = !used[t] && !FunctionWords.contains(tokens.get(t).text());
                    if (!free && !verbs.contains(t)) {
                        continue;
                    }
                    // "story points, on average" is the average of the points, "planned staffing costs" the plan: no event
                    boolean adjective = t < metricMatches.get(i).start() && metricMatches.get(i).start() - t <= 2;
                    boolean state = adjective || AVERAGE_WORDS.contains(tokens.get(t).text()) || !verbs.contains(t) && t > 0 && STATE_CUES.contains(tokens.get(t - 1).text());
                    List<String> verb = List.of(tokens.get(t).stem());
                    Optional<String> qualified = qualified(metrics.get(i), stems, verb, !state);
                    if (qualified.isPresent() && !metrics.contains(qualified.get())) {
                        metrics.set(i, qualified.get());
                        used[t] = true;
                        stems.add(tokens.get(t).stem());
                    }
                    else if (alongside(metrics, metricMatches, i, namedStems, verb)) {
                        used[t] = true;
                        stems.add(tokens.get(t).stem());
                    }
                }
            }
        }

        /**
         * "Risks not closed (open or mitigating)" with the measure "risks not closed": its "not X" negates the value X.
         */
        private void restatedByMeasure(List<ValueMention> values, Match<Term> measure)
        {
            for (int t = measure.start(); t + 1 < measure.end(); t++) {
                if (tokens.get(t).text().equals("not")) {
                    boolean[] others = new boolean[tokens.size()];
                    Arrays.fill(others, true);
                    others[t + 1] = false;
                    List<ValueTerm> negated = vocabulary.terms().find(tokens, others).stream()
                            .flatMap(match -> match.things().stream())
                            .filter(ValueTerm.class::isInstance).map(ValueTerm.class::cast)
                            .toList();
                    restatedComplement(values, negated, null);
                }
            }
        }

        /**
         * "Risks not closed (open or mitigating)": values that together are every other value of the negated one say
         * it again, and filter nothing more; one of them alone ("not closed but mitigating") narrows it.
         *
         * @param negated the mention of the negated value, or null when the measure's own name negates it
         */
        private void restatedComplement(List<ValueMention> values, List<ValueTerm> negatedValues, ValueMention negated)
        {
            for (ValueTerm term : negatedValues) {
                Optional<List<String>> complement = vocabulary.complement(term.dimension(), term.value());
                List<ValueMention> restating = values.stream()
                        .filter(other -> other != negated && !other.negated() && other.values().stream().allMatch(value -> value.dimension().equals(term.dimension())))
                        .toList();
                Set<String> named = restating.stream().flatMap(other -> other.values().stream()).map(ValueTerm::value).collect(toSet());
                if (complement.isPresent() && !restating.isEmpty() && named.equals(Set.copyOf(complement.get()))) {
                    values.removeAll(restating);
                    return;
                }
            }
        }

        /**
         * "How long does it take us to resolve incidents?", "how fast did we fix P1s?": the one measure of time among the
         * measures of the things asked about, whatever else the question counts them by.
         */
        private void durationAsked(List<String> metrics, List<ValueMention> values)
        {
            if (!has(DURATION)) {
                return;
            }
            Set<String> tables = new HashSet<>();
            metrics.forEach(metric -> tables.add(model.metrics().get(metric).table()));
            values.forEach(value -> value.values().forEach(term -> tables.add(model.dimensions().get(term.dimension()).table())));
            List<Metric> durations = model.metrics().values().stream().filter(metric -> tables.contains(metric.table()) && DURATION_UNITS.contains(metric.unit())).toList();
            if (durations.size() != 1) {
                return;
            }
            Metric duration = durations.getFirst();
            // "how many incidents, and how long did they take to fix?" asks for the count as well
            if (!metrics.contains(duration.name()) && !HOW_MANY.matcher(DURATION.matcher(text).replaceAll(" ")).find()) {
                metrics.removeIf(metric -> model.metrics().get(metric).table().equals(duration.table()));
            }
            if (!metrics.contains(duration.name())) {
                metrics.add(duration.name());
            }
            useEvery(DURATION);
            // "take us to resolve": the words of the measure's own names
            Set<String> named = duration.synonyms().stream().flatMap(synonym -> Words.stems(synonym).stream()).map(Reading::root).collect(toSet());
            for (int t = 0; t < tokens.size(); t++) {
                if (!used[t] && named.contains(root(tokens.get(t).stem()))) {
                    used[t] = true;
                }
            }
        }

        /**
         * "Incidents were opened": the qualifier is part of the measure's own name. "Incidents opened and resolved",
         * "risks raised vs closed": each qualifier names one event of the same things, a measure of its own, asked side
         * by side with the one named first.
         *
         * @return whether the qualifier is accounted for
         */
        private boolean alongside(List<String> metrics, List<Match<Term>> metricMatches, int i, Set<String> namedStems, List<String> qualifier)
        {
            Optional<String> alone = withNounAlone(namedStems, namedStems)
                    .flatMap(stems -> named(stems, qualifier).stream())
                    .findFirst();
            if (alone.isEmpty()) {
                return false;
            }
            if (alone.get().equals(metrics.get(i))) {
                return true;
            }
            if (!coordinated(metricMatches.get(i).start(), tokens.size())) {
                return false;
            }
            if (!metrics.contains(alone.get())) {
                metrics.add(alone.get());
                metricMatches.add(metricMatches.get(i));
            }
            return true;
        }

        /**
         * The measure's words as read so far, then each word of its name alone: "risks raised" + "closed" is "risks
         * closed".
         */
        private static Stream<Set<String>> withNounAlone(Set<String> words, Set<String> namedStems)
        {
            return Stream.concat(Stream.of(words), namedStems.stream().map(Set::of));
        }

        /**
         * Whether "and", "or" or "vs" joins the words from {@code from} to {@code to}: two parts of one question.
         */
        private boolean coordinated(int from, int to)
        {
            return IntStream.range(from, to).anyMatch(t -> COORDINATORS.contains(tokens.get(t).text()));
        }

        /**
         * The measure one of whose names is exactly these words, the one named now included.
         */
        private Optional<String> named(Set<String> measureStems, List<String> qualifier)
        {
            return namedBy(measureStems, qualifier).map(Metric::name).findFirst();
        }

        /**
         * Another measure one of whose names is the current measure's words and the qualifying ones together.
         *
         * @param event only a measure with a date of its own (the day risks were closed, incidents resolved)
         */
        private Optional<String> qualified(String current, Set<String> measureStems, List<String> qualifier, boolean event)
        {
            return namedBy(measureStems, qualifier)
                    .filter(metric -> !metric.name().equals(current))
                    .filter(metric -> !event || metric.date().isPresent())
                    .map(Metric::name)
                    .findFirst();
        }

        private Stream<Metric> namedBy(Set<String> measureStems, List<String> qualifier)
        {
            // "risks did we close" qualifies as "closed risks" does: compared without verb endings
            Set<String> combined = new HashSet<>();
            measureStems.forEach(stem -> combined.add(root(stem)));
            qualifier.forEach(stem -> combined.add(root(stem)));
            return model.metrics().values().stream()
                    .filter(metric -> metric.synonyms().stream().anyMatch(synonym -> Words.stems(synonym).stream().map(Reading::root).collect(toSet()).equals(combined)));
        }

        private Optional<List<String>> adjacentDimension(List<Match<Term>> matches, Match<Term> value)
        {
            for (Match<Term> other : matches) {
                boolean after = other.start() == value.end() || (other.start() == value.end() + 1 && tokens.get(value.end()).text().equals("the"));
                boolean before = other.end() == value.start() || (other.end() == value.start() - 1 && tokens.get(other.end()).text().equals("the"));
                if ((after || before) && !dimensionsOf(other).isEmpty() && isSingular(other)) {
                    return Optional.of(dimensionsOf(other));
                }
            }
            return Optional.empty();
        }

        private List<GroupMention> groupMentions(List<Match<Term>> matches, boolean selecting)
        {
            List<GroupMention> groups = new ArrayList<>();
            for (Match<Term> match : matches) {
                Term first = match.things().getFirst();
                String words = words(match.start(), match.end());
                if (first instanceof GrainTerm(TimeGrain grain)) {
                    // "by month", "each quarter", "monthly" slice the numbers; "points completed in its sprints" does not
                    if (isGroupCue(matches, match) || SLICING_GRAINS.contains(words)) {
                        groups.add(new GroupMention(words, List.of(), Optional.of(grain), isSingular(match), Optional.empty(), match));
                        understood.add("by " + grain.label().replace('_', ' '));
                    }
                }
                else if (first instanceof DimensionTerm && (isGroupCue(matches, match) || (!isSingular(match) || selecting) && !has(POOLED)) && !qualifiesValue(matches, match, selecting) && !isWhole(match)) {
                    groups.add(new GroupMention(words, dimensionsOf(match), Optional.empty(), isSingular(match), countBefore(match), match));
                    understood.add("by " + words);
                }
            }
            return groups;
        }

        /**
         * "the Apollo program" names the kind of a value; "each Borealis project" asks for the projects of a value.
         */
        private boolean qualifiesValue(List<Match<Term>> matches, Match<Term> dimension, boolean selecting)
        {
            List<String> dimensions = dimensionsOf(dimension);
            return matches.stream().anyMatch(other -> other.things().getFirst() instanceof ValueTerm
                    && (other.end() == dimension.start() || other.start() == dimension.end())
                    && (other.things().stream().anyMatch(value -> value instanceof ValueTerm(String valueDimension, String ignored) && dimensions.contains(valueDimension))
                            || (!isGroupCue(matches, dimension) && (isSingular(dimension) || !selecting))
                            || has(TOTAL)));
        }

        private Optional<Integer> countBefore(Match<Term> match)
        {
            int before = match.start() - 1;
            if (before < 0 || used[before]) {
                return Optional.empty();
            }
            String word = tokens.get(before).text();
            Optional<Integer> count = word.matches("\\d{1,3}")
                    ? Optional.of(Integer.parseInt(word)).filter(value -> value > 0)
                    : Optional.ofNullable(NUMBER_WORDS.get(word));
            // the count is accounted for: it limits the ranking
            count.ifPresent(value -> used[before] = true);
            return count;
        }

        private List<String> dimensionsOf(Match<Term> match)
        {
            return match.things().stream().filter(DimensionTerm.class::isInstance).map(term -> ((DimensionTerm) term).dimension()).toList();
        }

        private boolean isGroupCue(List<Match<Term>> matches, Match<Term> match)
        {
            for (int back = 1; back <= 3 && match.start() - back >= 0; back++) {
                int index = match.start() - back;
                if (matches.stream().anyMatch(other -> other.things().getFirst() instanceof ValueTerm && other.start() <= index && index < other.end())) {
                    continue;
                }
                String previous = tokens.get(index).text();
                String pair = match.start() - back - 1 >= 0 ? tokens.get(match.start() - back - 1).text() + " " + previous : previous;
                if (GROUP_CUE.matcher(previous).matches() || GROUP_CUE.matcher(pair).matches()) {
                    // "across the portfolio" is all of it; "across portfolios" one row each
                    return !(previous.equals("across") && (isSingular(match) || isWhole(match)));
                }
                if (!previous.equals("the") && !previous.equals("all") && !previous.equals("our") && !RANKING.matcher(previous).matches() && !previous.matches("\\d+") && !NUMBER_WORDS.containsKey(previous)) {
                    return false;
                }
            }
            return false;
        }

        /**
         * "across all programs", "the total over every project": the sum of them all, not one row each; a ranking
         * across them still ranks them.
         */
        private boolean isWhole(Match<Term> match)
        {
            String previous = match.start() >= 1 ? tokens.get(match.start() - 1).text() : "";
            String before = match.start() >= 2 ? tokens.get(match.start() - 2).text() : "";
            boolean all = Set.of("all", "every").contains(previous);
            boolean across = Set.of("across", "over").contains(all ? before : previous);
            // "the biggest risks across all programs" ranks them across the programs
            return across && (all || has(TOTAL)) && !has(RANKING);
        }

        private boolean isSingular(Match<Term> match)
        {
            Token last = tokens.get(match.end() - 1);
            return last.text().equals(last.stem());
        }

        /**
         * @param whole the text source's word is the whole phrase ("risks"), not a part of it ("behind schedule")
         */
        private boolean isTextSourceWord(Match<Term> match, boolean whole)
        {
            // "risks" names the text; "overdue milestones" a measure of it
            int span = match.end() - match.start();
            return vocabulary.textSources().find(tokens.subList(match.start(), match.end()), new boolean[span]).stream()
                    .anyMatch(found -> !whole || (found.start() == 0 && found.end() == span));
        }

        private boolean mentionsTextSource()
        {
            return !vocabulary.textSources().find(tokens, new boolean[tokens.size()]).isEmpty();
        }

        private Retrieval retrieval(List<MetricQuery> queries, List<ValueMention> values, Optional<Period> period, boolean followNumbers, Optional<Carry> carry)
        {
            List<String> sources = new ArrayList<>();
            vocabulary.textSources().find(tokens, new boolean[tokens.size()]).forEach(match -> match.things().forEach(source -> addOnce(sources, source)));
            if (sources.isEmpty()) {
                carry.flatMap(Carry::retrieval).ifPresent(earlier -> earlier.sources().forEach(source -> addOnce(sources, source)));
            }
            if (sources.isEmpty()) {
                for (MetricQuery query : queries) {
                    String table = model.metrics().get(query.metric()).table();
                    model.textSources().values().stream().filter(source -> source.table().equals(table)).forEach(source -> addOnce(sources, source.name()));
                }
            }
            Map<String, List<String>> filters = new LinkedHashMap<>();
            Set<String> pooled = new HashSet<>();
            for (ValueMention mention : values) {
                for (ValueTerm value : mention.values()) {
                    if (kept(sources, value.dimension()) && (mention.dimensionWord().isEmpty() || mention.dimensionWord().get().contains(value.dimension()))) {
                        filters.computeIfAbsent(value.dimension(), key -> new ArrayList<>()).add(value.value());
                    }
                }
            }
            Optional<String> time = period.map(this::planTime);
            if (carry.isPresent()) {
                // "why?" searches the text about what the numbers are for, over their period
                Set<String> named = values.stream().flatMap(mention -> mention.values().stream()).map(ValueTerm::dimension).collect(toSet());
                Map<String, List<String>> carried = queries.isEmpty() ? carry.get().retrievalFilters(named) : queries.getFirst().filters();
                carried.forEach((dimension, kept) -> {
                    if (kept(sources, dimension)) {
                        filters.putIfAbsent(dimension, kept);
                    }
                });
                time = time.or(() -> queries.isEmpty() ? carry.get().retrieval().map(Retrieval::time) : Optional.ofNullable(queries.getFirst().time()));
            }
            understood.add("context from %s".formatted(sources.isEmpty() ? "all text sources" : String.join(", ", sources)));
            return new Retrieval(carry.map(carried -> carried.searchText(text)).orElse(text), sources, filters, time.orElse(null), followNumbers, null);
        }

        /**
         * Whether the text sources searched (all when none is named) keep the dimension in their chunks' metadata.
         */
        private boolean kept(List<String> sources, String dimension)
        {
            return model.textSources().values().stream()
                    .filter(source -> sources.isEmpty() || sources.contains(source.name()))
                    .anyMatch(source -> source.metadata().contains(dimension));
        }

        private Optional<Comparison> budgetSide()
        {
            if (find(OVER_BUDGET).isPresent()) {
                understood.add("over budget");
                return Optional.of(new Comparison(">", 0));
            }
            if (find(UNDER_BUDGET).isPresent()) {
                understood.add("under budget");
                return Optional.of(new Comparison("<", 0));
            }
            return Optional.empty();
        }

        private Optional<NumericComparison> numericComparison()
        {
            return find(COMPARISON).map(matcher -> {
                String op = switch (matcher.group(1)) {
                    case "at least" -> ">=";
                    case "at most" -> "<=";
                    case "less than", "fewer than", "lower than", "under", "below" -> "<";
                    default -> ">";
                };
                boolean dollars = matcher.group(2) != null;
                double value = Double.parseDouble(matcher.group(3).replace(",", ""));
                String unit = matcher.group(4) == null ? "" : matcher.group(4);
                String words = "%s %s%s%s".formatted(matcher.group(1), dollars ? "$" : "", matcher.group(3), unit.isEmpty() ? "" : " " + unit);
                understood.add(words);
                return new NumericComparison(op, value, unit, dollars, words);
            });
        }

        private Optional<Ranking> ranking()
        {
            return find(RANKING).map(matcher -> {
                // "lagging", "lagging furthest": the one furthest behind
                String word = matcher.group(1) != null ? matcher.group(1).replaceFirst("^lagging.*", "furthest behind") : matcher.group(4);
                String count = matcher.group(1) != null ? matcher.group(2) : matcher.group(3);
                Optional<Integer> n = Optional.ofNullable(count).map(value -> NUMBER_WORDS.getOrDefault(value, value.matches("\\d+") ? Integer.parseInt(value) : 1));
                // "worst first" orders every group rather than picking one
                boolean ordering = matcher.group().endsWith("first");
                understood.add(n.map(value -> word + " " + value).orElse(ordering ? word + " first" : word));
                return new Ranking(word, n, ordering);
            });
        }

        private void unknownNames(List<ValueMention> values)
        {
            Matcher words = ORIGINAL_WORD.matcher(original);
            for (int i = 0; words.find() && i < tokens.size(); i++) {
                if (used[i] || i == 0 || !Character.isUpperCase(words.group().charAt(0)) || KNOWN_CAPITALS.contains(tokens.get(i).text())) {
                    continue;
                }
                String before = original.substring(0, words.start()).stripTrailing();
                if (before.endsWith(".") || before.endsWith("?") || before.endsWith("!") || before.endsWith(":") || before.endsWith("\"")) {
                    continue;
                }
                problems.add("I do not know \"%s\": it is no name in the data, nor a measure I know.".formatted(words.group()));
            }
        }

        /**
         * Questions whose words the measures found cannot answer, however well each word is read: a share of a total, a
         * count of what only a rate measures, a status at a past moment, a unit the measure is not in.
         */
        private void unanswerableShapes(List<String> metrics, List<Period> periods, Optional<NumericComparison> comparison)
        {
            List<Metric> chosen = metrics.stream().map(model.metrics()::get).toList();
            // "the variance vs forecast": the variance is of actual spend against the plan, not of another budget measure
            if (metrics.stream().anyMatch(metric -> model.overBudget().filter(overBudget -> overBudget.measuredBy(model.metrics().get(metric))).isPresent())) {
                otherBudgetMeasure(metrics).ifPresent(other -> problems.add("The budget variance compares actual spend with the plan; I cannot compare it with %s yet.".formatted(other.label())));
            }
            // "risks open for more than 90 days": a threshold no chosen measure is counted in
            if (comparison.isPresent() && !chosen.isEmpty() && chosen.stream().noneMatch(metric -> comparison.get().appliesTo(metric))) {
                problems.add("I cannot apply \"%s\" to %s.".formatted(comparison.get().words(), chosen.getFirst().label()));
            }
            // "spend last week": a table booked by month holds no week of it, and the months starting in the week are not it
            for (Metric metric : chosen) {
                if (metric.date().isEmpty() && model.tables().get(metric.table()).monthly()) {
                    periods.stream().filter(period -> period.cutsThroughMonths(asOf)).findFirst().ifPresent(period ->
                            problems.add("%s is booked by month, so I cannot give it for %s (%s to %s), which cuts through a month; ask for whole months, e.g. \"this month\" or \"last month\"."
                                    .formatted(capitalize(metric.label()), period.words(), period.from(), period.to())));
                }
            }
            boolean rates = !chosen.isEmpty() && chosen.stream().allMatch(metric -> metric.unit().equals("%"));
            if (has(SHARE) && chosen.stream().noneMatch(metric -> metric.unit().equals("%"))) {
                problems.add("I cannot compute a share of a total yet (\"%s\"), so I will not give the amount in its place.".formatted(find(SHARE).map(Matcher::group).orElse("share")));
            }
            // "percent of budget spent": a percentage no chosen measure is, which its amounts do not answer
            else if (has(PERCENT) && !chosen.isEmpty() && chosen.stream().noneMatch(metric -> metric.unit().equals("%")) && comparison.isEmpty()) {
                problems.add("I cannot give %s as a percentage yet (\"%s\"), so I will not give the amount in its place.".formatted(chosen.getFirst().label(),
                        find(PERCENT).map(Matcher::group).orElse("percent")));
            }
            if (has(HOW_MANY) && !has(HOW_MANY_PERCENT) && chosen.stream().anyMatch(metric -> metric.unit().equals("%"))
                    && (rates || chosen.stream().anyMatch(metric -> metric.sql().strip().equalsIgnoreCase("count(*)")))) {
                problems.add("\"How many\" asks for a count, and %s is a rate: I cannot count only the records it describes yet.".formatted(
                        chosen.stream().filter(metric -> metric.unit().equals("%")).findFirst().orElseThrow().label()));
            }
            Optional<Matcher> pointInTime = find(POINT_IN_TIME);
            if (pointInTime.isPresent() && !periods.isEmpty() && periods.stream().anyMatch(period -> period.to().isBefore(asOf))) {
                problems.add("I count what is open as of today, not as it stood \"%s\" a period that has ended.".formatted(pointInTime.get().group().strip()));
            }
            Matcher unit = IN_UNIT.matcher(text);
            if (unit.find()) {
                problems.add("I give %s in %s, and cannot convert it to %s yet.".formatted(chosen.isEmpty() ? "the number" : chosen.getFirst().label(),
                        chosen.isEmpty() ? "its own unit" : chosen.getFirst().unit(), unit.group(1)));
            }
        }

        /**
         * A metric over the budget lines, the table of the model's variance.
         */
        private boolean onBudgetLines(String metric)
        {
            return model.overBudget().map(overBudget -> model.metrics().get(overBudget.amount()).table().equals(model.metrics().get(metric).table())).orElse(false);
        }

        /**
         * A measure of the budget lines other than the variance and the two sides it compares: the forecast.
         */
        private Optional<Metric> otherBudgetMeasure(List<String> metrics)
        {
            Set<String> variance = new HashSet<>();
            model.overBudget().ifPresent(overBudget -> {
                variance.addAll(List.of(overBudget.amount(), overBudget.percent()));
                overBudget.sides().ifPresent(sides -> variance.addAll(List.of(sides.plan(), sides.actual())));
            });
            return metrics.stream().filter(metric -> onBudgetLines(metric) && !variance.contains(metric)).map(model.metrics()::get).findFirst();
        }

        private void meaningChangers()
        {
            if (has(CHANGE_RANKING)) {
                problems.add("I cannot rank by the change between two periods yet; ask for the trend instead, e.g. \"... by month\".");
            }
            for (int i = 0; i < tokens.size(); i++) {
                String word = tokens.get(i).text();
                String pair = i + 1 < tokens.size() ? word + " " + tokens.get(i + 1).text() : word;
                if (!used[i] && (MEANING_CHANGERS.contains(word) || MEANING_CHANGERS.contains(pair))) {
                    problems.add("I cannot apply \"%s\" to a number yet, so I will not guess one.".formatted(MEANING_CHANGERS.contains(pair) ? pair : word));
                }
            }
        }

        /**
         * "Which programs ...", "what teams ...": the question asks for the groups that have some, not for every group.
         */
        private boolean startsWithQuestionWord()
        {
            if (tokens.isEmpty() || !QUESTION_WORDS.contains(tokens.getFirst().text())) {
                return false;
            }
            if (Set.of("which", "who").contains(tokens.getFirst().text())) {
                return true;
            }
            int next = 1;
            while (next < tokens.size() && Set.of("the", "all", "our", "any").contains(tokens.get(next).text())) {
                next++;
            }
            List<Token> rest = tokens.subList(next, Math.min(next + 2, tokens.size()));
            return vocabulary.terms().find(rest, new boolean[rest.size()]).stream()
                    .anyMatch(match -> match.start() == 0 && match.things().getFirst() instanceof DimensionTerm);
        }

        private boolean isCapitalized(int index)
        {
            Matcher words = ORIGINAL_WORD.matcher(original);
            for (int i = 0; words.find(); i++) {
                if (i == index) {
                    return Character.isUpperCase(words.group().charAt(0));
                }
            }
            return false;
        }

        private boolean has(Pattern pattern)
        {
            return pattern.matcher(text).find();
        }

        private void useEvery(Pattern pattern)
        {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                use(matcher.start(), matcher.end());
            }
        }

        private Optional<Matcher> find(Pattern pattern)
        {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                if (use(matcher.start(), matcher.end())) {
                    return Optional.of(matcher);
                }
            }
            return Optional.empty();
        }

        /**
         * Marks the tokens inside [start, end) of the text used; false when one of them already was.
         */
        private boolean use(int start, int end)
        {
            List<Integer> inside = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).start() >= start && tokens.get(i).end() <= end) {
                    if (used[i]) {
                        return false;
                    }
                    inside.add(i);
                }
            }
            inside.forEach(i -> used[i] = true);
            return true;
        }

        private String words(int from, int to)
        {
            return text.substring(tokens.get(from).start(), tokens.get(to - 1).end());
        }

        private String original(int from, int to)
        {
            Matcher words = ORIGINAL_WORD.matcher(original);
            int start = -1;
            int end = -1;
            for (int i = 0; words.find() && i < to; i++) {
                if (i == from) {
                    start = words.start();
                }
                end = words.end();
            }
            return start < 0 ? words(from, to) : original.substring(start, end);
        }

        private String describe(MetricQuery query)
        {
            Metric metric = model.metrics().get(query.metric());
            StringBuilder description = new StringBuilder(metric.label());
            query.filters().forEach((dimension, values) -> description.append(" for %s %s".formatted(model.dimensions().get(dimension).label(), String.join(", ", values))));
            if (!query.groupBy().isEmpty()) {
                description.append(" by ").append(String.join(", ", query.groupBy().stream().map(group -> group.replace('_', ' ')).toList()));
            }
            Optional.ofNullable(query.time()).flatMap(time -> TimeExpressions.parse(time, asOf, model.fiscalYear())).ifPresent(period -> description.append(", ").append(period.describe()));
            return description.toString();
        }
    }

    private static void addOnce(List<String> list, String value)
    {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    private static String capitalize(String text)
    {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * @param negated "risks not yet closed": every other value of the dimension
     */
    private record ValueMention(String words, List<ValueTerm> values, Optional<List<String>> dimensionWord, int start, int end, boolean negated) {}

    private record GroupMention(String words, List<String> dimensions, Optional<TimeGrain> grain, boolean singular, Optional<Integer> count, Match<Term> match) {}

    private record Ranking(String word, Optional<Integer> count, boolean ordering)
    {
        /**
         * Words of size rather than of good or bad: "furthest over budget", "most under budget".
         */
        boolean isExtent()
        {
            return Set.of("furthest", "most", "biggest", "largest", "greatest", "top").contains(word);
        }

        String order(Metric metric)
        {
            boolean higherIsBetter = metric.higherIsBetter().orElse(true);
            return switch (word) {
                case "best", "strongest" -> higherIsBetter ? "desc" : "asc";
                case "worst", "poorest", "weakest", "furthest behind" -> higherIsBetter ? "asc" : "desc";
                case "bottom", "lowest", "smallest", "least", "fewest", "shortest", "fastest" -> "asc";
                default -> "desc";
            };
        }
    }

    /**
     * @param words the comparison as the question said it, for the answer to quote
     */
    private record NumericComparison(String op, double value, String unit, boolean dollars, String words)
    {
        boolean isPercent()
        {
            return unit.equals("%") || unit.equals("percent");
        }

        boolean isMoney()
        {
            return dollars || unit.equals("k") || unit.equals("m");
        }

        boolean appliesTo(Metric metric)
        {
            if (isMoney()) {
                return metric.unit().equals("USD");
            }
            return switch (unit) {
                case "%", "percent" -> metric.unit().equals("%");
                case "hours", "hour", "hrs", "hr", "h", "days", "day" -> metric.unit().equals("hours");
                case "points", "point", "pts" -> metric.unit().startsWith("points");
                default -> !metric.unit().equals("%") || value <= 100;
            };
        }

        Comparison comparison(Metric metric)
        {
            double scaled = switch (unit) {
                case "k" -> value * 1_000;
                case "m" -> value * 1_000_000;
                case "days", "day" -> metric.unit().equals("hours") ? value * 24 : value;
                default -> value;
            };
            return new Comparison(op, scaled);
        }
    }
}
