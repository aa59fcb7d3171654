package dev.trinoai.core.engine;

import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.AskException;
import dev.trinoai.core.Question;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.llm.LlmClient;
import dev.trinoai.core.model.Dimension;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.TextSource;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.retrieve.RetrievalSettings;
import dev.trinoai.core.sql.CompiledQuery;
import dev.trinoai.core.sql.MetricRunner;
import dev.trinoai.core.warehouse.Warehouse;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.trinoai.core.AskFailure.INVALID_QUESTION;
import static java.util.Objects.requireNonNull;

/**
 * Answers a question as a stream of {@link AnswerRow}s in the domain it is about: one catalog serves one semantic
 * model per domain, each read by its own interpreter.
 *
 * <p>A question is routed by its words: a domain is named by a question that holds one of its own words, a synonym
 * (of a measure, a slice, a value or a text) no other domain's words cover: "mean time to recover" of one domain
 * covers "to recover" of another, which then is not named by it. Of the domains it names, else of the others, the one
 * that reads it answers it; when several read it and it names none of them, the first domain (the model file's)
 * answers it, and a question that names several is declined with a notice naming them. A question no domain reads is
 * declined in the domain it names, with that domain's examples. A follow-up stays in the domain of its conversation
 * while that domain reads it.
 */
public final class AskEngine
{
    /** The most tokens a synonym is matched over. */
    private static final int LONGEST_WORD = 10;

    private final List<DomainEngine> domains;
    private final List<Set<String>> words;

    public AskEngine(SemanticModel model, Warehouse warehouse, EmbeddingModel embeddings, AskSettings settings)
    {
        this(List.of(model), warehouse, embeddings, settings, Optional.empty());
    }

    /**
     * @param models one per domain, the first the one a question read alike by several domains is answered in
     * @param llm the catalog's model: it plans the questions the interpreter declines and narrates the answers that
     *     explain (those with retrievals); empty for the offline engine alone
     */
    public AskEngine(List<SemanticModel> models, Warehouse warehouse, EmbeddingModel embeddings, AskSettings settings, Optional<LlmClient> llm)
    {
        this(models, warehouse, embeddings, settings, llm, RetrievalSettings.pgvector());
    }

    /**
     * @param retrieval where the text is searched: pgvector beside the warehouse, or OpenSearch
     */
    public AskEngine(List<SemanticModel> models, Warehouse warehouse, EmbeddingModel embeddings, AskSettings settings, Optional<LlmClient> llm, RetrievalSettings retrieval)
    {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no semantic model");
        }
        this.domains = models.stream().map(model -> new DomainEngine(model, warehouse, embeddings, settings, llm, retrieval)).toList();
        this.words = models.stream().map(AskEngine::words).toList();
    }

    /**
     * The first domain's model: the one the catalog's model file names.
     */
    public SemanticModel model()
    {
        return domains.getFirst().model();
    }

    /**
     * Every domain's model, the first domain's first.
     */
    public List<SemanticModel> models()
    {
        return domains.stream().map(DomainEngine::model).toList();
    }

    public void answer(Question question, Optional<LocalDate> referenceDate, AccessScope access, Consumer<AnswerRow> sink)
    {
        answer(question, referenceDate, access, sink, AskObserver.NONE);
    }

    /**
     * @param referenceDate the "today" of this question, when the session fixes one
     * @param access the rows the caller may see
     * @param observer hears each step of this answer
     * @throws AskException {@link dev.trinoai.core.AskFailure#ACCESS_DENIED} when a measure the question needs cannot
     *     be limited to them
     */
    public void answer(Question question, Optional<LocalDate> referenceDate, AccessScope access, Consumer<AnswerRow> sink, AskObserver observer)
    {
        Route route = route(question, referenceDate, access);
        if (route.domain().isPresent()) {
            route.domain().get().answer(question, referenceDate, access, sink, observer);
        }
        else {
            sink.accept(AnswerRow.notice(1, route.ambiguity()));
        }
    }

    /**
     * The question's metric queries, not run: what {@code ask_numbers} returns the result of.
     *
     * @throws AskException {@link dev.trinoai.core.AskFailure#INVALID_QUESTION} when the question is declined, asks
     *     for no numbers, or reads alike in several domains it names
     */
    public NumbersQuery numbersQuery(Question question, Optional<LocalDate> referenceDate, AccessScope access)
    {
        Route route = route(question, referenceDate, access);
        return route.domain().orElseThrow(() -> new AskException(INVALID_QUESTION, route.ambiguity())).numbersQuery(question, referenceDate, access);
    }

    /**
     * The "today" relative periods and a metric's {@code :as_of} resolve against: the session's, else the catalog's,
     * else the real today.
     */
    public LocalDate asOf(Optional<LocalDate> referenceDate)
    {
        return domains.getFirst().asOf(referenceDate);
    }

    /**
     * The plan the engine answers a question with offline, and the SQL the answer shows, none of it run.
     *
     * @return empty when the question is declined, reads alike in several domains it names, or its plan is not valid
     */
    public Optional<PlannedAnswer> planned(Question question, Optional<LocalDate> referenceDate, AccessScope access)
    {
        return route(question, referenceDate, access).domain().flatMap(domain -> domain.planned(question, referenceDate, access));
    }

    /**
     * How the engine reads a question offline and what its answer would open with and run, none of it run: a dry run
     * of a model's edit. A question that reads alike in several domains is declined with why.
     */
    public Explanation explain(Question question, Optional<LocalDate> referenceDate, AccessScope access)
    {
        Route route = route(question, referenceDate, access);
        if (route.domain().isPresent()) {
            return route.domain().get().explain(question, referenceDate, access);
        }
        return new Explanation(asOf(referenceDate), new Plan(List.of(), List.of()), Optional.empty(), Optional.of(route.ambiguity()), List.of(), List.of(), List.of());
    }

    /**
     * Compiles a metric query in the domain of its metric (a metric belongs to one domain).
     */
    public CompiledQuery compile(MetricQuery query, LocalDate asOf, AccessScope access)
    {
        return domains.stream()
                .filter(domain -> domain.model().metrics().containsKey(query.metric()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown metric " + query.metric()))
                .compile(query, asOf, access);
    }

    /**
     * The compiled statement's columns as PostgreSQL describes them, without running it.
     */
    public List<MetricRunner.Column> describe(CompiledQuery query)
    {
        return domains.getFirst().describe(query);
    }

    public MetricRunner.Table table(CompiledQuery query)
    {
        return domains.getFirst().table(query);
    }

    /**
     * The domain a question is answered in, or why it is declined without one.
     */
    private record Route(Optional<DomainEngine> domain, String ambiguity) {}

    private Route route(Question question, Optional<LocalDate> referenceDate, AccessScope access)
    {
        if (domains.size() == 1) {
            return new Route(Optional.of(domains.getFirst()), "");
        }
        // the conversation's domain is the one its first question routed to on its own
        Optional<DomainEngine> conversation = question.previous().stream()
                .map(earlier -> fresh(new Question(earlier, List.of()), referenceDate, access).domain())
                .flatMap(Optional::stream)
                .findFirst();
        if (conversation.isPresent() && conversation.get().reads(question, referenceDate, access)) {
            return new Route(conversation, "");
        }
        return fresh(question, referenceDate, access);
    }

    private Route fresh(Question question, Optional<LocalDate> referenceDate, AccessScope access)
    {
        List<String> tokens = List.of(normalized(question.text()).split(" "));
        List<List<Span>> spans = words.stream().map(known -> spans(tokens, known)).toList();
        List<DomainEngine> named = domains.stream()
                .filter(domain -> {
                    int index = domains.indexOf(domain);
                    return spans.get(index).stream().anyMatch(span -> IntStream.range(0, domains.size())
                            .filter(other -> other != index)
                            .allMatch(other -> spans.get(other).stream().noneMatch(covering -> covering.covers(span))));
                })
                .toList();
        List<DomainEngine> reading = named.stream().filter(domain -> domain.reads(question, referenceDate, access)).toList();
        if (reading.isEmpty()) {
            // a word another domain happens to share ("sprints" beside a program's name) does not keep the domain that
            // reads the question whole from answering it
            reading = domains.stream().filter(domain -> !named.contains(domain) && domain.reads(question, referenceDate, access)).toList();
        }
        if (reading.size() == 1) {
            return new Route(Optional.of(reading.getFirst()), "");
        }
        if (reading.isEmpty() && named.size() <= 1) {
            // declined in the domain it names, with that domain's examples
            return new Route(Optional.of(named.isEmpty() ? domains.getFirst() : named.getFirst()), "");
        }
        if (reading.stream().noneMatch(named::contains) && reading.contains(domains.getFirst())) {
            return new Route(Optional.of(domains.getFirst()), "");
        }
        List<String> names = (reading.isEmpty() ? named : reading).stream().map(domain -> domain.model().domain()).toList();
        return new Route(Optional.empty(), "This question uses the words of several domains (%s) and %s, so it is not answered with a guessed one. Ask it with the words of one of them, or as one question per domain."
                .formatted(String.join(", ", names), reading.isEmpty() ? "none of them answers it whole" : "reads as a question of each"));
    }

    /**
     * Where a domain's word is found in a question: tokens {@code start} to {@code end}, exclusive.
     */
    private record Span(int start, int end)
    {
        boolean covers(Span other)
        {
            return start <= other.start && other.end <= end;
        }
    }

    private static List<Span> spans(List<String> tokens, Set<String> known)
    {
        List<Span> found = new ArrayList<>();
        for (int start = 0; start < tokens.size(); start++) {
            for (int end = start + 1; end <= Math.min(tokens.size(), start + LONGEST_WORD); end++) {
                if (known.contains(String.join(" ", tokens.subList(start, end)))) {
                    found.add(new Span(start, end));
                }
            }
        }
        return found;
    }

    /**
     * The words a model's questions are recognised by: its measures', slices', values' and texts' synonyms.
     */
    private static Set<String> words(SemanticModel model)
    {
        Stream<String> metrics = model.metrics().values().stream().map(Metric::synonyms).flatMap(List::stream);
        Stream<String> dimensions = model.dimensions().values().stream().flatMap(dimension -> Stream.concat(dimension.synonyms().stream(), values(dimension)));
        Stream<String> texts = model.textSources().values().stream().map(TextSource::synonyms).flatMap(List::stream);
        Set<String> words = new LinkedHashSet<>();
        Stream.of(metrics, dimensions, texts).flatMap(stream -> stream).map(AskEngine::normalized).filter(word -> !word.isEmpty()).forEach(words::add);
        return words;
    }

    private static Stream<String> values(Dimension dimension)
    {
        return dimension.valueSynonyms().entrySet().stream().flatMap(entry -> Stream.concat(Stream.of(entry.getKey()), entry.getValue().stream()));
    }

    /**
     * Lower case, with every run of punctuation or space as one space: "Post-mortems?" and "post mortems" are alike.
     */
    private static String normalized(String text)
    {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}%/]+", " ").trim();
    }
}
