package dev.trinoai.udf;

import com.google.common.base.Ticker;
import com.google.common.cache.CacheStats;
import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.Question;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.engine.AskEngine;
import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trino.spi.classloader.ThreadContextClassLoader;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.function.FunctionId;
import io.trino.spi.function.FunctionMetadata;
import io.trino.spi.function.InvocationConvention;
import io.trino.spi.function.ScalarFunctionAdapter;
import io.trino.spi.function.ScalarFunctionImplementation;
import io.trino.spi.function.Signature;
import io.trino.spi.type.Type;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.trino.spi.function.InvocationConvention.InvocationArgumentConvention.NEVER_NULL;
import static io.trino.spi.function.InvocationConvention.InvocationReturnConvention.FAIL_ON_NULL;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.lang.invoke.MethodType.methodType;
import static java.util.Objects.requireNonNull;

/**
 * {@code ai.system.ask_text(question)} and {@code ai.system.ask_value(question)}: the agent inline, once per row.
 *
 * <p>Scalar functions run on Trino's driver threads, so each call waits for its answer; the cache makes a query
 * that asks the same question on every row wait once. An answer is keyed by the question, the reference date and the
 * caller's access scope, and kept for {@code ai.udf.cache-ttl}. The caller is the session Trino invokes the function
 * with, on the worker. One query may ask at most {@code ai.udf.max-questions-per-query} different questions.
 *
 * <p>The session a scalar function is called with does not carry the catalog's session properties, so the session's
 * reference date is read when the function is resolved, on the coordinator, and travels in the function id
 * ({@code ask_value;2026-11-25}).
 *
 * <p>A failure leaves these methods as it is, an {@link dev.trinoai.core.AskException} for one the caller can act
 * on: the plugin that serves the functions owns the error codes and turns it into one.
 */
public final class AskScalarFunctions
{
    public static final String ASK_TEXT = "ask_text";
    public static final String ASK_VALUE = "ask_value";

    private static final Map<String, Type> RETURN_TYPES = Map.of(ASK_TEXT, VARCHAR, ASK_VALUE, DOUBLE);
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            ASK_TEXT, "Answers a question in words: the answer text of ai.system.ask, then its citations as [n] title (source)",
            ASK_VALUE, "The one number a question asks for, e.g. ask_value('budget variance % for Apollo this quarter'); fails when the answer has no number or several");
    private static final char REFERENCE_DATE_SEPARATOR = ';';

    // what the methods below accept: the caller's session, and a question that is never null (a null question gives null)
    private static final InvocationConvention IMPLEMENTED = new InvocationConvention(List.of(NEVER_NULL), FAIL_ON_NULL, true, false);
    private static final Map<String, MethodHandle> METHODS = Map.of(
            ASK_TEXT, method("askText", Slice.class),
            ASK_VALUE, method("askValue", double.class));

    private final Answerer answerer;
    private final Function<ConnectorSession, AccessScope> callers;
    private final int maxQuestionLength;
    private final AnswerCache answers;
    private final QuestionsPerQuery questionsPerQuery;

    /**
     * @param callers the rows the caller of a function may see, from the session's identity
     */
    public AskScalarFunctions(Answerer answerer, Function<ConnectorSession, AccessScope> callers, AskUdfConfig config, int maxQuestionLength)
    {
        this.answerer = requireNonNull(answerer, "answerer is null");
        this.callers = requireNonNull(callers, "callers is null");
        this.maxQuestionLength = maxQuestionLength;
        this.answers = new AnswerCache(config, Ticker.systemTicker());
        this.questionsPerQuery = new QuestionsPerQuery(config.getMaxQuestionsPerQuery(), Ticker.systemTicker());
    }

    /**
     * The functions as {@code SHOW FUNCTIONS} lists them.
     */
    public static List<FunctionMetadata> functions()
    {
        return RETURN_TYPES.keySet().stream().sorted().map(name -> metadata(name, Optional.empty())).toList();
    }

    /**
     * The function of this name for a session whose reference date is {@code referenceDate}, if it is one of these.
     */
    public static List<FunctionMetadata> resolve(String name, Optional<LocalDate> referenceDate)
    {
        return RETURN_TYPES.containsKey(name) ? List.of(metadata(name, referenceDate)) : List.of();
    }

    public static FunctionMetadata metadata(FunctionId id)
    {
        Resolved function = Resolved.of(id);
        return metadata(function.name(), function.referenceDate());
    }

    /**
     * How often a call found its answer in the cache.
     */
    public CacheStats answerCacheStats()
    {
        return answers.stats();
    }

    public ScalarFunctionImplementation implementation(FunctionId id, InvocationConvention convention)
    {
        Resolved function = Resolved.of(id);
        // the session stays the first argument, as the convention with a session has it
        MethodHandle method = MethodHandles.insertArguments(METHODS.get(function.name()), 2, function.referenceDate());
        method = MethodHandles.insertArguments(method, 0, this);
        return ScalarFunctionImplementation.builder()
                .methodHandle(ScalarFunctionAdapter.adapt(method, RETURN_TYPES.get(function.name()), List.of(VARCHAR), IMPLEMENTED, convention))
                .build();
    }

    /**
     * A function id read back: the function's name and the reference date it was resolved with.
     */
    private record Resolved(String name, Optional<LocalDate> referenceDate)
    {
        static Resolved of(FunctionId id)
        {
            String text = id.toString();
            int separator = text.indexOf(REFERENCE_DATE_SEPARATOR);
            return separator < 0
                    ? new Resolved(text, Optional.empty())
                    : new Resolved(text.substring(0, separator), Optional.of(LocalDate.parse(text.substring(separator + 1))));
        }
    }

    public Slice askText(ConnectorSession session, Optional<LocalDate> referenceDate, Slice question)
    {
        return Slices.utf8Slice(AnswerText.text(answer(session, referenceDate, question, ASK_TEXT)));
    }

    public double askValue(ConnectorSession session, Optional<LocalDate> referenceDate, Slice question)
    {
        return AnswerText.value(question.toStringUtf8().strip(), answer(session, referenceDate, question, ASK_VALUE));
    }

    private List<AnswerRow> answer(ConnectorSession session, Optional<LocalDate> referenceDate, Slice text, String function)
    {
        AccessScope access = callers.apply(session);
        // the engine's libraries (the JDBC driver, Jackson) load classes through the context class loader
        try (ThreadContextClassLoader _ = new ThreadContextClassLoader(getClass().getClassLoader())) {
            Question question = Question.parse(text.toStringUtf8(), maxQuestionLength);
            questionsPerQuery.count(session.getQueryId(), question.text(), "ai.system." + function);
            return answers.get(question, referenceDate, access, () -> {
                List<AnswerRow> rows = new ArrayList<>();
                answerer.answer(session, function, question, referenceDate, access, rows::add);
                return rows;
            });
        }
    }

    private static FunctionMetadata metadata(String name, Optional<LocalDate> referenceDate)
    {
        if (!RETURN_TYPES.containsKey(name)) {
            throw new IllegalArgumentException("Unknown function: " + name);
        }
        return FunctionMetadata.scalarBuilder(name)
                .functionId(new FunctionId(referenceDate.map(date -> name + REFERENCE_DATE_SEPARATOR + date).orElse(name)))
                .signature(Signature.builder().returnType(RETURN_TYPES.get(name)).argumentType(VARCHAR).build())
                // the answer follows the data, which changes under the same question
                .nondeterministic()
                .description(DESCRIPTIONS.get(name))
                .build();
    }

    private static MethodHandle method(String name, Class<?> returnType)
    {
        try {
            return MethodHandles.lookup().findVirtual(AskScalarFunctions.class, name, methodType(returnType, ConnectorSession.class, Optional.class, Slice.class));
        }
        catch (ReflectiveOperationException e) {
            throw new LinkageError(e.getMessage(), e);
        }
    }
}
