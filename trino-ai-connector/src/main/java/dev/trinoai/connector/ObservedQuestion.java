package dev.trinoai.connector;

import dev.trinoai.connector.AnswerLog.ModelUse;
import dev.trinoai.connector.AnswerLog.PlannedMetric;
import dev.trinoai.connector.AnswerLog.PlannedRetrieval;
import dev.trinoai.connector.AnswerLog.Statement;
import dev.trinoai.core.engine.AskObserver;
import dev.trinoai.core.interpret.Interpretation;
import dev.trinoai.core.llm.LlmUsage;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.plan.Retrieval;
import dev.trinoai.core.retrieve.Citation;
import dev.trinoai.core.sql.CompiledQuery;
import dev.trinoai.core.sql.MetricResult;
import dev.trinoai.core.time.Period;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.trino.spi.connector.ConnectorSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.trinoai.connector.AiAttributes.CATALOG;
import static dev.trinoai.connector.AiAttributes.CITATIONS;
import static dev.trinoai.connector.AiAttributes.DB_SYSTEM;
import static dev.trinoai.connector.AiAttributes.DECLINED;
import static dev.trinoai.connector.AiAttributes.ERROR_TYPE;
import static dev.trinoai.connector.AiAttributes.FILTERS;
import static dev.trinoai.connector.AiAttributes.FOLLOW_NUMBERS;
import static dev.trinoai.connector.AiAttributes.FUNCTION;
import static dev.trinoai.connector.AiAttributes.GROUP_BY;
import static dev.trinoai.connector.AiAttributes.METRIC;
import static dev.trinoai.connector.AiAttributes.METRICS;
import static dev.trinoai.connector.AiAttributes.OUTCOME;
import static dev.trinoai.connector.AiAttributes.PERIOD_END;
import static dev.trinoai.connector.AiAttributes.PERIOD_START;
import static dev.trinoai.connector.AiAttributes.QUERY_ID;
import static dev.trinoai.connector.AiAttributes.ROWS;
import static dev.trinoai.connector.AiAttributes.SOURCES;
import static dev.trinoai.connector.AiAttributes.VERIFIED;
import static dev.trinoai.connector.Spans.inSpan;
import static dev.trinoai.connector.AiErrorCode.AI_INTERNAL_ERROR;
import static dev.trinoai.connector.AiErrorCode.AI_TIMEOUT;
import static io.opentelemetry.api.trace.StatusCode.ERROR;
import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

/**
 * One question, from the moment it is asked to its one end: counted in {@link AskStats}, written to the
 * {@link AnswerLog} with what the engine made of it, and traced as a span {@value #SPAN} with a child span for each
 * step of the engine and each call of a model.
 *
 * <p>Its end is the first of: the engine returning or failing, or its answer stream stopping it. The stream says so
 * before it stops the engine's thread, so that whatever the engine fails with once stopped is not taken for the reason.
 * The engine's steps run on one thread, the end may come on the stream's: what the steps record is guarded by this
 * object's lock.
 */
final class ObservedQuestion
        implements AskObserver, AnswerStream.Listener
{
    static final String SPAN = "ai.question";

    private static final ContextKey<ObservedQuestion> CURRENT = ContextKey.named("ai question");
    // the words of the interpreter's coverage rule, the decline for a word left over; TestAskStats pins them to a real decline
    private static final String COVERAGE_DECLINE = "could change the number";
    // the words the coverage rule names: I did not understand "blockchain", "team", and they could change the number
    private static final Pattern NOT_UNDERSTOOD = Pattern.compile("I did not understand ((?:\"[^\"]*\"(?:, )?)+)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private final AskStats stats;
    private final AnswerLog log;
    private final Tracer tracer;
    private final String catalog;
    private final String llmModel;
    private final String embeddingModel;
    private final String function;
    private final String queryId;
    private final String user;
    private final Optional<String> question;
    private final long startNanos;
    private final Span span;
    // where the engine's steps and the models' calls for this question find it and its span
    private final Context context;

    private boolean ended;
    private boolean verified;
    private Optional<String> declined = Optional.empty();
    private Plan plan = new Plan(List.of(), List.of());
    private final List<Statement> statements = new ArrayList<>();
    private List<String> citations = List.of();
    private final Map<String, ModelUse> models = new LinkedHashMap<>();

    /**
     * A question asked in the current context, whose span, if any, is the question's parent.
     *
     * @param function the function the caller called, e.g. {@code ask}
     * @param question the question's text, when it got as far as being read
     */
    ObservedQuestion(AskTelemetry telemetry, String function, ConnectorSession session, Optional<String> question)
    {
        this.stats = telemetry.stats();
        this.log = telemetry.log();
        this.tracer = telemetry.tracer();
        this.catalog = telemetry.catalog();
        this.llmModel = telemetry.llmModel();
        this.embeddingModel = telemetry.embeddingModel();
        this.function = requireNonNull(function, "function is null");
        this.queryId = session.getQueryId();
        this.user = session.getUser();
        this.question = requireNonNull(question, "question is null");
        this.startNanos = System.nanoTime();
        this.span = tracer.spanBuilder(SPAN)
                .setAttribute(CATALOG, catalog)
                .setAttribute(QUERY_ID, queryId)
                .setAttribute(FUNCTION, function)
                .startSpan();
        this.context = Context.current().with(span).with(CURRENT, this);
        stats.asked();
    }

    /**
     * The question whose answer runs on this thread, for the calls of the models made for it.
     */
    static Optional<ObservedQuestion> current()
    {
        return Optional.ofNullable(Context.current().get(CURRENT));
    }

    /**
     * Runs the answer on this thread and ends the question as the answer ends; its exceptions pass through.
     */
    void answer(Consumer<AskObserver> answer)
    {
        try (Scope _ = context.makeCurrent()) {
            answer.accept(this);
        }
        catch (Throwable e) {
            failed(e);
            throw e;
        }
        synchronized (this) {
            if (declined.isEmpty()) {
                end("answered", Optional.empty(), () -> stats.answered(verified, elapsed()));
            }
            else {
                boolean coverage = declined.get().contains(COVERAGE_DECLINE);
                end("declined", Optional.empty(), () -> stats.declined(coverage, elapsed()));
            }
        }
    }

    /**
     * Ends the question with {@code failure}, which its caller is about to see.
     */
    void failed(Throwable failure)
    {
        AiErrorCode code = switch (failure) {
            // how AnswerStream reports an engine it did not stop itself: its thread was stopped under it
            case CancellationException _ -> AI_TIMEOUT;
            case RuntimeException e -> AiErrorCode.of(e);
            default -> AI_INTERNAL_ERROR;
        };
        synchronized (this) {
            end("failed", Optional.of(new Ending(code.name(), failure.getMessage())), () -> stats.failed(code, elapsed()));
        }
    }

    @Override
    public synchronized void stopped(RuntimeException failure, boolean abandoned)
    {
        if (abandoned) {
            end("abandoned", Optional.empty(), () -> stats.abandoned(elapsed()));
        }
        else {
            failed(failure);
        }
    }

    @Override
    public <T> T interpret(Supplier<T> reading)
    {
        return inSpan(tracer.spanBuilder("ai.interpret"), reading, (_, _) -> {});
    }

    @Override
    public synchronized void declined(Interpretation interpretation)
    {
        declined = interpretation.declined();
    }

    @Override
    public synchronized void planned(Plan plan, boolean verified)
    {
        this.plan = plan;
        this.verified = verified;
    }

    @Override
    public MetricResult statement(CompiledQuery statement, Supplier<MetricResult> run)
    {
        return statement(statement, run, result -> result.rows().size());
    }

    /**
     * Runs one SQL statement, of {@code ask} or {@code ask_numbers}, whose result has {@code rows}.
     */
    <T> T statement(CompiledQuery statement, Supplier<T> run, ToIntFunction<T> rows)
    {
        MetricQuery query = statement.query();
        Optional<String> periodStart = statement.period().map(Period::from).map(LocalDate::toString);
        Optional<String> periodEnd = statement.period().map(Period::to).map(LocalDate::toString);
        long start = System.nanoTime();
        Integer count = null;
        try {
            T result = inSpan(
                    tracer.spanBuilder("ai.statement")
                            .setAttribute(DB_SYSTEM, "postgresql")
                            .setAttribute(METRIC, query.metric())
                            .setAttribute(GROUP_BY, query.groupBy())
                            .setAttribute(FILTERS, List.copyOf(query.filters().keySet()))
                            // none for a count of what is open now
                            .setAttribute(PERIOD_START, periodStart.orElse(null))
                            .setAttribute(PERIOD_END, periodEnd.orElse(null)),
                    run,
                    (span, done) -> span.setAttribute(ROWS, (long) rows.applyAsInt(done)));
            count = rows.applyAsInt(result);
            return result;
        }
        finally {
            long nanos = System.nanoTime() - start;
            stats.statement(nanos);
            synchronized (this) {
                statements.add(new Statement(statements.size() + 1, query.metric(), periodStart.orElse(null), periodEnd.orElse(null), count, NANOSECONDS.toMillis(nanos)));
            }
        }
    }

    @Override
    public List<Citation> retrieval(Retrieval retrieval, Supplier<List<Citation>> search)
    {
        long start = System.nanoTime();
        try {
            return inSpan(
                    tracer.spanBuilder("ai.retrieval")
                            .setAttribute(SOURCES, retrieval.sources())
                            .setAttribute(FOLLOW_NUMBERS, retrieval.followNumbers()),
                    search,
                    (span, found) -> span.setAttribute(CITATIONS, (long) found.size()));
        }
        finally {
            stats.retrieval(System.nanoTime() - start);
        }
    }

    @Override
    public void compose(List<Citation> citations, Runnable compose)
    {
        synchronized (this) {
            this.citations = citations.stream().map(Citation::id).toList();
        }
        inSpan(tracer.spanBuilder("ai.compose").setAttribute(CITATIONS, (long) citations.size()), () -> {
            compose.run();
            return null;
        }, (_, _) -> {});
    }

    /**
     * @param cost the call's estimated cost; empty when the catalog has no prices for the model
     */
    synchronized void calledLlm(String model, LlmUsage usage, Optional<Double> cost)
    {
        models.merge(model, new ModelUse(model, 1, usage.inputTokens(), usage.outputTokens(), cost.orElse(null)),
                (used, call) -> new ModelUse(model, used.calls() + 1, used.inputTokens() + call.inputTokens(), used.outputTokens() + call.outputTokens(),
                        used.estimatedCost() == null ? null : used.estimatedCost() + call.estimatedCost()));
    }

    synchronized void calledEmbedding(String model)
    {
        models.merge(model, new ModelUse(model, 1, null, null, null), (used, call) -> new ModelUse(model, used.calls() + 1, null, null, null));
    }

    /**
     * A failure's code and message.
     */
    private record Ending(String errorCode, String message) {}

    /**
     * The question's one end: counted, logged, and its span ended. Called with the lock held.
     */
    private void end(String outcome, Optional<Ending> failure, Runnable count)
    {
        if (ended) {
            return;
        }
        ended = true;
        count.run();
        Optional<String> declineKind = declined.map(reason -> reason.contains(COVERAGE_DECLINE) ? "coverage" : "other");
        log.write(new AnswerLog.Line(
                queryId,
                catalog,
                user,
                function,
                llmModel,
                embeddingModel,
                outcome,
                failure.map(Ending::errorCode).orElse(null),
                declineKind.orElse(null),
                verified,
                plan.metrics().stream().map(query -> new PlannedMetric(query.metric(), query.groupBy(), List.copyOf(query.filters().keySet()), query.filters(), query.time())).toList(),
                plan.retrievals().stream().map(retrieval -> new PlannedRetrieval(retrieval.sources(), retrieval.followNumbers())).toList(),
                List.copyOf(statements),
                citations,
                List.copyOf(models.values()),
                NANOSECONDS.toMillis(elapsed()),
                question.orElse(null),
                declined.or(() -> failure.map(Ending::message)).filter(Objects::nonNull).orElse(null),
                declined.map(ObservedQuestion::notUnderstood).filter(words -> !words.isEmpty()).orElse(null)));

        span.setAttribute(OUTCOME, outcome);
        span.setAttribute(VERIFIED, verified);
        span.setAttribute(METRICS, plan.metrics().stream().map(MetricQuery::metric).toList());
        declineKind.ifPresent(kind -> span.setAttribute(DECLINED, kind));
        failure.ifPresent(ending -> {
            span.setAttribute(ERROR_TYPE, ending.errorCode());
            span.setStatus(ERROR, ending.errorCode());
        });
        span.end();
    }

    /**
     * The words a decline's reason names as not understood; none for another kind of decline.
     */
    static List<String> notUnderstood(String reason)
    {
        List<String> words = new ArrayList<>();
        Matcher named = NOT_UNDERSTOOD.matcher(reason);
        while (named.find()) {
            Matcher quoted = QUOTED.matcher(named.group(1));
            while (quoted.find()) {
                words.add(quoted.group(1));
            }
        }
        return words;
    }

    private long elapsed()
    {
        return System.nanoTime() - startNanos;
    }
}
