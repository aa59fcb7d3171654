package dev.trinoai.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.AskException;
import dev.trinoai.core.AskFailure;
import dev.trinoai.core.Question;
import dev.trinoai.core.RowKind;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.answer.Composer;
import dev.trinoai.core.answer.Suggestions;
import dev.trinoai.core.embedding.EmbeddingException;
import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.embedding.EmbeddingPurpose;
import dev.trinoai.core.embedding.Vectors;
import dev.trinoai.core.interpret.Earlier;
import dev.trinoai.core.interpret.FollowUps;
import dev.trinoai.core.interpret.Interpretation;
import dev.trinoai.core.interpret.Interpreter;
import dev.trinoai.core.interpret.Vocabulary;
import dev.trinoai.core.interpret.Words;
import dev.trinoai.core.llm.LlmAgent;
import dev.trinoai.core.llm.LlmClient;
import dev.trinoai.core.model.Dimension;
import dev.trinoai.core.model.PlanValidator;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.TextSource;
import dev.trinoai.core.model.VerifiedQuestion;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.plan.Retrieval;
import dev.trinoai.core.retrieve.Citation;
import dev.trinoai.core.retrieve.RetrievalSettings;
import dev.trinoai.core.retrieve.Retriever;
import dev.trinoai.core.retrieve.Retrievers;
import dev.trinoai.core.retrieve.SearchScope;
import dev.trinoai.core.sql.CompiledQuery;
import dev.trinoai.core.sql.DataDates;
import dev.trinoai.core.sql.MetricResult;
import dev.trinoai.core.sql.MetricRunner;
import dev.trinoai.core.sql.SqlCompiler;
import dev.trinoai.core.time.Period;
import dev.trinoai.core.time.TimeExpressions;
import dev.trinoai.core.warehouse.Warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static dev.trinoai.core.AskFailure.INVALID_QUESTION;
import static java.util.Objects.requireNonNull;

/**
 * One domain's engine: it answers, over its own semantic model, the questions {@link AskEngine} routes to it. Answers a
 * question as a stream of {@link AnswerRow}s, handing each group to the sink as soon as it is ready:
 * numbers (from SQL), citations (from pgvector and full text), the answer text, and the SQL that produced the numbers.
 *
 * <p>Every answer is for one caller's {@link AccessScope}: their filter is in every statement and every search, and
 * the names the interpreter knows are the ones they may see.
 */
final class DomainEngine
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Vocabularies kept for this many distinct access scopes; the least recently used goes first. */
    private static final int SCOPES_KEPT = 256;

    private final SemanticModel model;
    private final Warehouse warehouse;
    private final EmbeddingModel embeddings;
    private final AskSettings settings;
    private final SqlCompiler compiler;
    private final MetricRunner runner;
    private final Retriever retriever;
    private final Composer composer;
    private final Suggestions suggestions;
    private final PlanValidator validator;
    private final DataDates dataDates;
    private final Optional<LlmAgent> llm;
    private final Map<AccessScope, Knowledge> knowledge = new LinkedHashMap<>(16, 0.75f, true)
    {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AccessScope, Knowledge> eldest)
        {
            return size() > SCOPES_KEPT;
        }
    };

    /**
     * What the engine knows of the data one access scope sees: the dimension values, and the verified questions in vectors.
     */
    private record Knowledge(Interpreter interpreter, Map<LocalDate, List<Plan>> verifiedPlans, Instant loadedAt)
    {
        /**
         * How this scope's interpreter reads each verified question on a given day, read once per day and refresh
         * rather than once per question asked.
         */
        List<Plan> verifiedPlans(List<VerifiedQuestion> verified, LocalDate asOf)
        {
            return verifiedPlans.computeIfAbsent(asOf, day -> verified.stream().map(question -> interpreter.interpret(question.question(), day).plan()).toList());
        }
    }

    // the verified questions' vectors depend on the model only, not on the caller's scope: embedded once
    private List<float[]> verifiedVectors;

    /**
     * @param llm the catalog's model: it plans the questions the interpreter declines and narrates the answers that
     *     explain (those with retrievals); empty for the offline engine alone
     */
    DomainEngine(SemanticModel model, Warehouse warehouse, EmbeddingModel embeddings, AskSettings settings, Optional<LlmClient> llm, RetrievalSettings retrieval)
    {
        this.model = requireNonNull(model, "model is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.embeddings = requireNonNull(embeddings, "embeddings is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.compiler = new SqlCompiler(model);
        this.runner = new MetricRunner(warehouse, settings.statementTimeout(), settings.maxRows());
        this.retriever = Retrievers.create(retrieval, warehouse, embeddings, settings.statementTimeout());
        this.composer = new Composer(model);
        this.suggestions = new Suggestions(model);
        this.validator = new PlanValidator(model);
        this.dataDates = new DataDates(model, warehouse, settings.vocabularyRefresh(), Clock.systemUTC());
        this.llm = llm.map(client -> new LlmAgent(model, client));
    }

    SemanticModel model()
    {
        return model;
    }

    /**
     * Whether this domain answers the question offline, with the conversation's earlier questions read here too.
     */
    boolean reads(Question question, Optional<LocalDate> referenceDate, AccessScope access)
    {
        return !read(question, referenceDate, access).declined();
    }

    /**
     * @param referenceDate the "today" of this question, when the session fixes one
     * @param access the rows the caller may see
     * @param observer hears each step of this answer
     * @throws AskException {@link AskFailure#ACCESS_DENIED} when a measure the question needs cannot be limited to them
     */
    void answer(Question question, Optional<LocalDate> referenceDate, AccessScope access, Consumer<AnswerRow> sink, AskObserver observer)
    {
        Reading reading = observer.interpret(() -> read(question, referenceDate, access));
        LocalDate asOf = reading.asOf();
        Interpretation interpretation = reading.interpretation();
        Optional<VerifiedQuestion> verified = reading.verified();
        Plan plan = reading.plan();

        Rows rows = new Rows(sink);
        if (verified.isPresent()) {
            rows.notice("This is a verified answer: your question matches the verified question \"%s\" of the semantic model, whose plan a person has checked.".formatted(verified.get().question()));
        }
        Optional<LlmAgent.Turn> turn = llm.map(agent -> agent.turn(question.text()));
        if (reading.declined()) {
            // the model is asked only when the offline reading declines: a confident reading is cheaper and repeatable
            Optional<Plan> planned = turn.flatMap(current -> current.plan(asOf, interpretation, knowledge(access).interpreter().vocabulary(), rows::notice));
            if (planned.isEmpty()) {
                observer.declined(interpretation);
                rows.notice(decline(interpretation));
                turn.ifPresent(current -> current.report(rows::notice));
                // what can be asked instead, as questions to click rather than words in the notice
                offer(Suggestions.examples(examples(access)), Optional.empty(), reading, access).forEach(rows::suggestion);
                return;
            }
            plan = planned.get();
        }
        List<String> problems = validator.problems(plan, asOf);
        if (!problems.isEmpty()) {
            throw new AskException(INVALID_QUESTION, "The plan for this question is not valid: " + String.join("; ", problems));
        }
        observer.planned(plan, verified.isPresent());

        // all compiled before any runs, so a measure the caller may not see refuses the answer before a number streams
        List<CompiledQuery> statements = plan.metrics().stream().map(query -> compiler.compile(query, asOf, runner.maxRows(), access)).toList();
        // a period the data does not reach has no numbers: "0 incidents in 2015" would be one the data cannot give
        List<CompiledQuery> answerable = new ArrayList<>();
        for (CompiledQuery statement : statements) {
            Optional<DataDates.Span> missed = missed(statement);
            if (missed.isPresent()) {
                rows.notice("There is no data on %s for %s: it covers %s to %s.".formatted(statement.metric().label(), statement.period().orElseThrow().describe(), missed.get().first(), missed.get().last()));
            }
            else {
                answerable.add(statement);
            }
        }
        restatements(answerable, interpretation).forEach(rows::answer);
        interpretation.mended().forEach(mend -> rows.notice("I read " + mend + "."));
        List<MetricResult> results = new ArrayList<>();
        for (CompiledQuery compiled : answerable) {
            MetricResult result = observer.statement(compiled, () -> runner.run(compiled));
            results.add(result);
            for (MetricResult.Row row : result.rows()) {
                rows.number(compiled, row);
            }
            if (result.truncated()) {
                rows.notice("%s returned more than %d rows; only the first %d are shown (ai.ask.max-rows).".formatted(compiled.metric().label(), runner.maxRows(), runner.maxRows()));
            }
        }

        List<Citation> citations = new ArrayList<>();
        try {
            for (Retrieval retrieval : plan.retrievals()) {
                for (Citation citation : observer.retrieval(retrieval, () -> retrieve(retrieval, results, asOf, access, reading.interpreter()))) {
                    // one row or one text once: the same OKR restated for four quarters explains nothing more
                    if (citations.stream().noneMatch(kept -> kept.id().equals(citation.id()) || kept.snippet().equals(citation.snippet()))) {
                        citations.add(citation);
                    }
                }
            }
        }
        catch (AskException | EmbeddingException e) {
            // the numbers already streamed stand on their own; say why the context is missing
            rows.notice("No context could be retrieved for this answer: " + e.getMessage());
            citations.clear();
        }
        citations.forEach(rows::citation);
        if (turn.isPresent() && !plan.retrievals().isEmpty()) {
            observer.compose(citations, () -> turn.get().narrate(results, citations, rows::answer, rows::notice, () -> composer.compose(results, citations)));
        }
        else {
            observer.compose(citations, () -> composer.compose(results, citations).forEach(rows::answer));
        }
        results.forEach(result -> rows.sql(result.query().display()));
        turn.ifPresent(current -> current.report(rows::notice));
        offer(suggestions.after(plan, results), Optional.of(plan), reading, access).forEach(rows::suggestion);
    }

    /**
     * The candidates the engine answers as meant when asked next in the conversation, up to {@link Suggestions#MAX}:
     * the first such of each group, read exactly as the next question will be.
     *
     * @param answered the plan just answered: a candidate that asks for it again is not offered
     * @param reading the reading of the question just answered, whose conversation the candidates follow
     */
    private List<String> offer(List<List<Suggestions.Candidate>> groups, Optional<Plan> answered, Reading reading, AccessScope access)
    {
        Knowledge known = knowledge(access);
        List<String> offered = new ArrayList<>();
        for (List<Suggestions.Candidate> group : groups) {
            if (offered.size() == Suggestions.MAX) {
                break;
            }
            group.stream()
                    .filter(candidate -> !offered.contains(candidate.question()))
                    .filter(candidate -> answers(read(candidate.question(), reading.next(), reading.asOf(), known, access), candidate, answered, access))
                    .findFirst()
                    .ifPresent(candidate -> offered.add(candidate.question()));
        }
        return offered;
    }

    /**
     * The candidate's reading is answered with numbers or records, as the candidate means, with numbers the data has
     * for its period, and is not the answer just given.
     */
    private boolean answers(Reading reading, Suggestions.Candidate candidate, Optional<Plan> answered, AccessScope access)
    {
        if (reading.declined() || reading.plan().isEmpty() || answered.filter(reading.plan()::equals).isPresent()
                || !candidate.meant().test(reading.plan()) || !validator.problems(reading.plan(), reading.asOf()).isEmpty()) {
            return false;
        }
        try {
            return reading.plan().metrics().stream().noneMatch(query -> missed(compiler.compile(query, reading.asOf(), runner.maxRows(), access)).isPresent());
        }
        catch (AskException e) {
            // a measure the caller may not see is not suggested
            return false;
        }
    }

    /**
     * The span of the data a statement's period lies outside of, if it does: "0 incidents in 2015" would be a number
     * the data cannot give.
     */
    private Optional<DataDates.Span> missed(CompiledQuery statement)
    {
        return statement.period().flatMap(period -> dataDates.of(statement.metric()).filter(span -> span.misses(period)));
    }

    /**
     * The question's metric queries, not run: what {@code ask_numbers} returns the result of. Interpreting is
     * deterministic, so this is cheap enough to call while a query is being analysed.
     *
     * @throws AskException {@link AskFailure#INVALID_QUESTION} when the question is declined or asks for no numbers
     */
    NumbersQuery numbersQuery(Question question, Optional<LocalDate> referenceDate, AccessScope access)
    {
        Reading reading = read(question, referenceDate, access);
        if (reading.declined()) {
            List<String> examples = offer(Suggestions.examples(examples(access)), Optional.empty(), reading, access);
            throw new AskException(INVALID_QUESTION, decline(reading.interpretation()) + (examples.isEmpty() ? "" : " You could ask: " + String.join(" / ", examples)));
        }
        List<String> problems = validator.problems(reading.plan(), reading.asOf());
        if (!problems.isEmpty()) {
            throw new AskException(INVALID_QUESTION, "The plan for this question is not valid: " + String.join("; ", problems));
        }
        if (reading.plan().metrics().isEmpty()) {
            throw new AskException(INVALID_QUESTION, "This question asks for no numbers, so there is no table to return: \"%s\". Ask for a measure (%s), or use ask() for an answer in words."
                    .formatted(question.text(), String.join(", ", model.metrics().values().stream().map(metric -> metric.label()).toList())));
        }
        return new NumbersQuery(reading.plan().metrics(), reading.asOf());
    }

    /**
     * The "today" relative periods and a metric's {@code :as_of} resolve against: the session's, else the catalog's,
     * else the real today.
     */
    LocalDate asOf(Optional<LocalDate> referenceDate)
    {
        return referenceDate.or(settings::referenceDate).orElseGet(() -> LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * The plan the engine answers a question with offline, and the SQL the answer shows, none of it run: what a person
     * checks before a plan becomes a verified question.
     *
     * @return empty when the question is declined, or its plan is not valid
     */
    Optional<PlannedAnswer> planned(Question question, Optional<LocalDate> referenceDate, AccessScope access)
    {
        Explanation explanation = explain(question, referenceDate, access);
        if (explanation.declined().isPresent() || !explanation.problems().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PlannedAnswer(explanation.plan(), explanation.sql(), explanation.verified()));
    }

    /**
     * How the engine reads a question offline and what its answer would open with and run, none of it run: a dry run
     * of a model's edit. It reads the dimensions' values, as every reading does, and no metric's rows.
     */
    Explanation explain(Question question, Optional<LocalDate> referenceDate, AccessScope access)
    {
        Reading reading = read(question, referenceDate, access);
        Optional<String> verified = reading.verified().map(VerifiedQuestion::question);
        if (reading.declined()) {
            return new Explanation(reading.asOf(), reading.plan(), verified, Optional.of(decline(reading.interpretation())), List.of(), List.of(), List.of());
        }
        List<String> problems = validator.problems(reading.plan(), reading.asOf());
        if (!problems.isEmpty()) {
            return new Explanation(reading.asOf(), reading.plan(), verified, Optional.empty(), problems, List.of(), List.of());
        }
        List<CompiledQuery> statements = reading.plan().metrics().stream().map(query -> compile(query, reading.asOf(), access)).toList();
        return new Explanation(reading.asOf(), reading.plan(), verified, Optional.empty(), List.of(), restatements(statements, reading.interpretation()),
                statements.stream().map(CompiledQuery::display).toList());
    }

    /**
     * What an answer opens with: the measure, its slices and the period, in words; a follow-up's first line also says
     * what it took over from the earlier question.
     */
    private List<String> restatements(List<CompiledQuery> statements, Interpretation interpretation)
    {
        List<String> restatements = new ArrayList<>(statements.stream().map(composer::restate).toList());
        interpretation.carried().ifPresent(carried -> {
            if (restatements.isEmpty()) {
                restatements.add(carried);
            }
            else {
                restatements.set(0, restatements.getFirst() + " " + carried);
            }
        });
        return restatements;
    }

    CompiledQuery compile(MetricQuery query, LocalDate asOf, AccessScope access)
    {
        return compiler.compile(query, asOf, runner.maxRows(), access);
    }

    /**
     * The compiled statement's columns as PostgreSQL describes them, without running it.
     */
    List<MetricRunner.Column> describe(CompiledQuery query)
    {
        return runner.describe(query);
    }

    MetricRunner.Table table(CompiledQuery query)
    {
        return runner.table(query);
    }

    /**
     * How the engine reads a question: its day, the interpreter's reading, a verified question it matches, and the
     * plan that follows (the verified question's when there is one), with the interpreter of the caller's scope.
     */
    private record Reading(LocalDate asOf, Interpretation interpretation, Optional<VerifiedQuestion> verified, Plan plan, Interpreter interpreter, String text, Optional<Earlier> earlier)
    {
        boolean declined()
        {
            return interpretation.declined().isPresent() && verified.isEmpty();
        }

        /**
         * What the conversation's next question follows, as {@link FollowUps} will find it: this question when it was
         * answered offline, else the question this one followed.
         */
        Optional<Earlier> next()
        {
            return declined() ? earlier : Optional.of(new Earlier(text, plan));
        }
    }

    /**
     * Reads the question after the conversation's earlier questions, each read again as it was when it was asked: the
     * caller keeps the conversation, the engine nothing.
     */
    private Reading read(Question question, Optional<LocalDate> referenceDate, AccessScope access)
    {
        requireNonNull(question, "question is null");
        requireNonNull(access, "access is null");
        LocalDate asOf = asOf(referenceDate);
        Knowledge known = knowledge(access);
        // only what the engine answered offline carries over: a plan the model made is not made again for a follow-up
        Optional<Earlier> earlier = FollowUps.earlier(question.previous(), (text, before) -> {
            Reading previous = read(text, before, asOf, known, access);
            return previous.declined() || !validator.problems(previous.plan(), asOf).isEmpty() ? Optional.empty() : Optional.of(previous.plan());
        });
        return read(question.text(), earlier, asOf, known, access);
    }

    private Reading read(String text, Optional<Earlier> earlier, LocalDate asOf, Knowledge known, AccessScope access)
    {
        Interpretation interpretation = known.interpreter().interpret(text, asOf, earlier);
        // a follow-up's words alone are not the question it asks, so they are not matched with the verified questions
        Optional<VerifiedQuestion> verified = interpretation.carried().isPresent() ? Optional.empty() : verified(text, interpretation, asOf, known, access);
        return new Reading(asOf, interpretation, verified, verified.map(VerifiedQuestion::plan).orElse(interpretation.plan()), known.interpreter(), text, earlier);
    }

    /**
     * The retrieval's filters and period; without a period, the sources' current rows unless the question named a
     * value of that dimension.
     */
    private SearchScope scope(Retrieval retrieval, Map<String, List<String>> filters, LocalDate asOf, AccessScope access, Interpreter interpreter)
    {
        Optional<Period> period = Optional.ofNullable(retrieval.time()).flatMap(time -> TimeExpressions.parse(time, asOf, model.fiscalYear()));
        Map<String, Map<String, List<String>>> current = new LinkedHashMap<>();
        if (period.isEmpty()) {
            model.textSources().values().stream()
                    .filter(source -> retrieval.sources().isEmpty() || retrieval.sources().contains(source.name()))
                    .forEach(source -> source.current().forEach((dimension, values) -> {
                        if (!filters.containsKey(dimension)) {
                            current.computeIfAbsent(source.name(), name -> new LinkedHashMap<>()).put(dimension, values);
                        }
                    }));
        }
        return new SearchScope(retrieval.sources(), filters, current, period.map(Period::from), period.map(Period::to), searchAccess(retrieval, access, interpreter));
    }

    /**
     * The caller's scope in the terms of the chunks' metadata. A source keeping a restricted dimension is filtered by
     * it; one keeping only a dimension that joins to it (programs, for a portfolio) by the values of that dimension
     * the caller sees; a source keeping neither is not searched, since its rows could not be limited.
     */
    private Optional<Map<String, Map<String, List<String>>>> searchAccess(Retrieval retrieval, AccessScope access, Interpreter interpreter)
    {
        if (access.unrestricted()) {
            return Optional.empty();
        }
        Map<String, Map<String, List<String>>> bySource = new LinkedHashMap<>();
        for (TextSource source : model.textSources().values()) {
            if (!retrieval.sources().isEmpty() && !retrieval.sources().contains(source.name())) {
                continue;
            }
            Map<String, List<String>> filters = new LinkedHashMap<>();
            boolean limited = true;
            for (Map.Entry<String, List<String>> allowed : access.allowed().entrySet()) {
                Dimension restricted = model.dimension(allowed.getKey()).orElseThrow();
                Optional<String> key = source.metadata().contains(restricted.name())
                        ? Optional.of(restricted.name())
                        : source.metadata().stream().filter(kept -> model.dimension(kept).filter(dimension -> model.reaches(dimension.table(), restricted)).isPresent()).findFirst();
                if (key.isEmpty()) {
                    limited = false;
                    break;
                }
                List<String> values = key.get().equals(restricted.name()) ? allowed.getValue() : interpreter.vocabulary().values(key.get());
                // two restrictions on one key (a program and its portfolio) both hold
                filters.merge(key.get(), values, (kept, more) -> kept.stream().filter(more::contains).toList());
            }
            if (limited) {
                bySource.put(source.name(), filters);
            }
        }
        return Optional.of(bySource);
    }

    private List<Citation> retrieve(Retrieval retrieval, List<MetricResult> results, LocalDate asOf, AccessScope access, Interpreter interpreter)
    {
        int k = retrieval.k() == null ? settings.citations() : retrieval.k();
        Map<String, List<String>> entities = retrieval.followNumbers() ? singledOut(retrieval, results) : Map.of();
        if (entities.isEmpty()) {
            return retriever.search(retrieval.text(), scope(retrieval, retrieval.filters(), asOf, access, interpreter), k);
        }
        // "... and why?": context for each entity the numbers singled out, in the numbers' order
        Map.Entry<String, List<String>> entity = entities.entrySet().iterator().next();
        List<String> values = entity.getValue().subList(0, Math.min(k, entity.getValue().size()));
        int each = Math.max(1, k / values.size());
        List<Citation> citations = new ArrayList<>();
        for (String value : values) {
            Map<String, List<String>> filters = new LinkedHashMap<>(retrieval.filters());
            filters.put(entity.getKey(), List.of(value));
            citations.addAll(retriever.search(retrieval.text(), scope(retrieval, filters, asOf, access, interpreter), each));
        }
        return citations;
    }

    /**
     * The values of the first grouping dimension of the numbers that the text sources keep as metadata.
     */
    private Map<String, List<String>> singledOut(Retrieval retrieval, List<MetricResult> results)
    {
        for (MetricResult result : results) {
            List<String> groups = result.query().groups();
            for (int i = 0; i < groups.size(); i++) {
                String group = groups.get(i);
                boolean kept = model.textSources().values().stream()
                        .filter(source -> retrieval.sources().isEmpty() || retrieval.sources().contains(source.name()))
                        .anyMatch(source -> source.metadata().contains(group));
                if (kept && !result.rows().isEmpty()) {
                    int index = i;
                    return Map.of(group, result.rows().stream().map(row -> row.groupValues().get(index)).distinct().toList());
                }
            }
        }
        return Map.of();
    }

    private Optional<VerifiedQuestion> verified(String question, Interpretation interpretation, LocalDate asOf, Knowledge known, AccessScope access)
    {
        String text = Words.normalize(question);
        float[] vector = null;
        for (int i = 0; i < model.verifiedQuestions().size(); i++) {
            VerifiedQuestion candidate = model.verifiedQuestions().get(i);
            if (!access.admits(candidate.plan())) {
                continue;
            }
            if (Words.normalize(candidate.question()).equals(text)) {
                return Optional.of(candidate);
            }
            if (interpretation.declined().isPresent() || !sameMeaning(interpretation.plan(), known.verifiedPlans(model.verifiedQuestions(), asOf).get(i))) {
                continue;
            }
            if (vector == null) {
                vector = embeddings.embed(List.of(question), EmbeddingPurpose.QUERY).getFirst();
            }
            if (Vectors.cosine(vector, verifiedVectors().get(i)) >= settings.verifiedSimilarity()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Two readings ask for the same numbers: the same metrics, slices, filters, periods, thresholds and limits.
     * Similar wording alone is not enough: "over" and "under budget" read alike.
     */
    private static boolean sameMeaning(Plan a, Plan b)
    {
        return a.metrics().equals(b.metrics()) && a.retrievals().isEmpty() == b.retrievals().isEmpty();
    }

    /**
     * A short decline: what was not understood, and what was. The questions the caller can ask instead follow it.
     */
    private static String decline(Interpretation interpretation)
    {
        StringBuilder text = new StringBuilder("I did not answer with numbers: ").append(interpretation.declined().orElseThrow());
        if (!interpretation.understood().isEmpty()) {
            text.append(" I understood: ").append(String.join("; ", interpretation.understood())).append('.');
        }
        return text.toString();
    }

    /**
     * The verified questions the caller may ask: what a decline offers instead, the first few that are answered.
     */
    private List<String> examples(AccessScope access)
    {
        return model.verifiedQuestions().stream().filter(verified -> access.admits(verified.plan())).map(VerifiedQuestion::question).toList();
    }

    private synchronized Knowledge knowledge(AccessScope access)
    {
        Knowledge known = knowledge.get(access);
        if (known == null || known.loadedAt().plus(settings.vocabularyRefresh()).isBefore(Instant.now())) {
            Vocabulary vocabulary;
            try (Connection connection = warehouse.openReadOnly()) {
                vocabulary = Vocabulary.load(model, connection, access);
            }
            catch (SQLException e) {
                throw warehouse.translate(e);
            }
            known = new Knowledge(new Interpreter(model, vocabulary), new ConcurrentHashMap<>(), Instant.now());
            knowledge.put(access, known);
        }
        return known;
    }

    private synchronized List<float[]> verifiedVectors()
    {
        if (verifiedVectors == null) {
            verifiedVectors = model.verifiedQuestions().isEmpty()
                    ? List.of()
                    : embeddings.embed(model.verifiedQuestions().stream().map(VerifiedQuestion::question).toList(), EmbeddingPurpose.QUERY);
        }
        return verifiedVectors;
    }

    /**
     * Numbers each kind of row in the order it is emitted.
     */
    private static final class Rows
    {
        private final Consumer<AnswerRow> sink;
        private final Map<RowKind, Integer> seq = new LinkedHashMap<>();

        Rows(Consumer<AnswerRow> sink)
        {
            this.sink = sink;
        }

        void notice(String text)
        {
            sink.accept(AnswerRow.notice(next(RowKind.NOTICE), text));
        }

        void number(CompiledQuery query, MetricResult.Row row)
        {
            Map<String, String> dimensions = new LinkedHashMap<>();
            for (int i = 0; i < query.groups().size(); i++) {
                dimensions.put(query.groups().get(i), row.groupValues().get(i));
            }
            query.query().filters().forEach((dimension, values) -> {
                if (values.size() == 1) {
                    dimensions.putIfAbsent(dimension, values.getFirst());
                }
            });
            // text is the metric's label, as the model names it, so that no reader derives one from the name
            sink.accept(new AnswerRow(RowKind.NUMBER, next(RowKind.NUMBER), query.metric().label(), query.metric().name(), row.value(), query.metric().unit(), json(dimensions), null, null,
                    query.metric().higherIsBetter().orElse(null)));
        }

        void citation(Citation citation)
        {
            // the title goes beside the record's metadata, apart from the snippet, so a reader can show it as a heading
            Map<String, String> metadata = new LinkedHashMap<>(citation.metadata());
            if (!citation.title().isEmpty()) {
                metadata.put("title", citation.title());
            }
            sink.accept(new AnswerRow(RowKind.CITATION, next(RowKind.CITATION), citation.snippet(), null, null, null, json(metadata), citation.id(), citation.score()));
        }

        void answer(String text)
        {
            sink.accept(new AnswerRow(RowKind.ANSWER, next(RowKind.ANSWER), text, null, null, null, null, null, null));
        }

        void sql(String text)
        {
            sink.accept(new AnswerRow(RowKind.SQL, next(RowKind.SQL), text, null, null, null, null, null, null));
        }

        void suggestion(String question)
        {
            sink.accept(new AnswerRow(RowKind.SUGGESTION, next(RowKind.SUGGESTION), question, null, null, null, null, null, null));
        }

        private int next(RowKind kind)
        {
            return seq.merge(kind, 1, Integer::sum);
        }

        private static String json(Map<String, String> map)
        {
            try {
                return JSON.writeValueAsString(map);
            }
            catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
