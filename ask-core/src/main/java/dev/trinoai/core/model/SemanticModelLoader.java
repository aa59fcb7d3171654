package dev.trinoai.core.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.time.FiscalYear;
import dev.trinoai.core.time.TimeExpressions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code semantic-model.yaml} and checks it; every problem names the file and the line.
 */
public final class SemanticModelLoader
{
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String file;

    private SemanticModelLoader(String file)
    {
        this.file = file;
    }

    public static SemanticModel load(Path path)
    {
        try (Reader reader = Files.newBufferedReader(path)) {
            return new SemanticModelLoader(path.toString()).read(reader);
        }
        catch (NoSuchFileException e) {
            throw new SemanticModelException("The semantic model file %s does not exist. Set ai.semantic-model.path to the path of semantic-model.yaml (etc/ai/semantic-model.yaml in this repository).".formatted(path));
        }
        catch (IOException e) {
            throw new SemanticModelException("Cannot read the semantic model file %s: %s".formatted(path, e.getMessage()), e);
        }
    }

    /**
     * The domains a catalog serves: the model file's first (it answers a question several domains read alike), then
     * every {@code .yaml} file of the domains folder, by name.
     *
     * @throws SemanticModelException naming both files when two domains share a name or a metric (a metric is a table
     *     of {@code ai.metrics}, so it belongs to one domain)
     */
    public static List<SemanticModel> loadDomains(Path model, Optional<Path> domains)
    {
        List<SemanticModel> loaded = new ArrayList<>(List.of(load(model)));
        if (domains.isPresent()) {
            if (!Files.isDirectory(domains.get())) {
                throw new SemanticModelException("The domains folder %s is not a directory. Set ai.semantic-model.domains to the folder of the domains' model files (etc/ai/models in this repository), or leave it unset for one domain.".formatted(domains.get()));
            }
            try (Stream<Path> files = Files.list(domains.get())) {
                for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                    loaded.add(load(file));
                }
            }
            catch (IOException e) {
                throw new SemanticModelException("Cannot list the domains folder %s: %s".formatted(domains.get(), e.getMessage()), e);
            }
        }
        for (int i = 0; i < loaded.size(); i++) {
            for (int j = 0; j < i; j++) {
                SemanticModel earlier = loaded.get(j);
                SemanticModel later = loaded.get(i);
                if (earlier.domain().equals(later.domain())) {
                    throw new SemanticModelException("%s and %s both are the domain '%s': give one of them another domain: name".formatted(earlier.source(), later.source(), later.domain()));
                }
                later.metrics().keySet().stream().filter(earlier.metrics()::containsKey).findFirst().ifPresent(metric -> {
                    throw new SemanticModelException("%s and %s both define the metric %s: a metric belongs to one domain (it is a table of ai.metrics); rename one of them".formatted(earlier.source(), later.source(), metric));
                });
                later.textSources().values().stream()
                        .filter(source -> earlier.textSources().containsKey(source.name()))
                        .filter(source -> !earlier.textSources().get(source.name()).table().equals(source.table()) || !earlier.textSources().get(source.name()).id().equals(source.id()))
                        .findFirst()
                        .ifPresent(source -> {
                            throw new SemanticModelException("%s and %s both define the text source %s over other rows: its ids would be two records' ids; rename one of them".formatted(earlier.source(), later.source(), source.name()));
                        });
            }
        }
        return List.copyOf(loaded);
    }

    public static SemanticModel parse(String name, Reader reader)
    {
        return new SemanticModelLoader(name).read(reader);
    }

    private SemanticModel read(Reader reader)
    {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(reader);
        }
        catch (MarkedYAMLException e) {
            throw new SemanticModelException("%s: line %d: %s".formatted(file, e.getProblemMark().getLine() + 1, e.getProblem()), e);
        }
        catch (RuntimeException e) {
            throw new SemanticModelException("%s: %s".formatted(file, e.getMessage()), e);
        }
        if (root == null) {
            throw new SemanticModelException("%s is empty".formatted(file));
        }
        Map<String, Node> top = mapping(root, "the file", Set.of("domain", "schema", "fiscal_year_start_month", "tables", "dimensions", "metrics", "text_sources", "scorecard", "over_budget", "verified_questions"));
        String schema = identifier(required(top, "schema", root), "schema");
        FiscalYear fiscalYear = optional(top, "fiscal_year_start_month").map(this::fiscalYear).orElse(FiscalYear.JULY);
        String domain = optional(top, "domain").map(node -> identifier(node, "domain")).orElse(Path.of(file).getFileName().toString().replaceFirst("\\.ya?ml$", ""));

        Map<String, TableSpec> tables = new LinkedHashMap<>();
        entries(required(top, "tables", root), "tables").forEach((name, node) -> tables.put(name, table(name, node)));
        tables.values().forEach(table -> table.joins().forEach((target, column) -> {
            TableSpec joined = tables.get(target);
            if (joined == null) {
                throw problem(table.line(), "table %s joins %s, which is not among the tables".formatted(table.name(), target));
            }
            if (joined.key().isEmpty()) {
                throw problem(table.line(), "table %s joins %s, which has no key".formatted(table.name(), target));
            }
        }));

        Map<String, Dimension> dimensions = new LinkedHashMap<>();
        entries(required(top, "dimensions", root), "dimensions").forEach((name, node) -> dimensions.put(name, dimension(name, node, tables)));

        Map<String, Metric> metrics = new LinkedHashMap<>();
        entries(required(top, "metrics", root), "metrics").forEach((name, node) -> metrics.put(name, metric(name, node, tables)));

        Map<String, TextSource> textSources = new LinkedHashMap<>();
        Optional.ofNullable(top.get("text_sources")).ifPresent(node -> entries(node, "text_sources").forEach((name, source) -> textSources.put(name, textSource(name, source, tables))));

        List<String> scorecard = Optional.ofNullable(top.get("scorecard")).map(node -> strings(node, "scorecard")).orElse(List.of());
        scorecard.forEach(metric -> knownMetric(metric, top.get("scorecard"), metrics, "the scorecard"));
        Optional<OverBudget> overBudget = optional(top, "over_budget").map(node -> overBudget(node, metrics));
        SemanticModel partial = new SemanticModel(file, schema, tables, dimensions, metrics, textSources, scorecard, overBudget, List.of(), fiscalYear, domain);
        for (TextSource source : textSources.values()) {
            for (String dimension : source.metadata()) {
                Dimension found = dimensions.get(dimension);
                if (found == null || !partial.reaches(source.table(), found)) {
                    throw problem(source.line(), "text source %s keeps metadata '%s', which is not a dimension its table %s reaches".formatted(source.name(), dimension, source.table()));
                }
            }
        }

        List<VerifiedQuestion> verified = new ArrayList<>();
        Optional.ofNullable(top.get("verified_questions")).ifPresent(node -> {
            for (Node item : sequence(node, "verified_questions")) {
                verified.add(verifiedQuestion(item, partial));
            }
        });
        return new SemanticModel(file, schema, tables, dimensions, metrics, textSources, scorecard, overBudget, verified, fiscalYear, domain);
    }

    private FiscalYear fiscalYear(Node node)
    {
        String month = scalar(node, "fiscal_year_start_month");
        if (!month.matches("[1-9]|1[0-2]")) {
            throw problem(line(node), "fiscal_year_start_month is '%s'; it must be the number of the month the fiscal year starts in, 1 to 12 (7 for 1 July)".formatted(month));
        }
        return new FiscalYear(Month.of(Integer.parseInt(month)));
    }

    private TableSpec table(String name, Node node)
    {
        Map<String, Node> map = mapping(node, "table " + name, Set.of("key", "joins", "date", "date_grain", "sprints"));
        Map<String, String> joins = new LinkedHashMap<>();
        Optional.ofNullable(map.get("joins")).ifPresent(joinsNode -> entries(joinsNode, "joins of " + name)
                .forEach((target, column) -> joins.put(target, identifier(column, "join column of " + name))));
        return new TableSpec(
                name,
                optional(map, "key").map(key -> identifier(key, "key of " + name)),
                joins,
                optional(map, "date").map(date -> scalar(date, "date of " + name)),
                optional(map, "sprints").map(sprints -> Boolean.parseBoolean(scalar(sprints, "sprints of " + name))).orElse(false),
                optional(map, "date_grain").map(grain -> dateGrain(grain, name)).orElse(false),
                line(node));
    }

    private boolean dateGrain(Node node, String table)
    {
        String grain = scalar(node, "date_grain of " + table);
        return switch (grain) {
            case "month" -> true;
            case "day" -> false;
            default -> throw problem(line(node), "date_grain of table %s is \"%s\": it is day (the default) or month".formatted(table, grain));
        };
    }

    private Dimension dimension(String name, Node node, Map<String, TableSpec> tables)
    {
        Map<String, Node> map = mapping(node, "dimension " + name, Set.of("table", "column", "synonyms", "value_synonyms", "negatable"));
        String table = knownTable(required(map, "table", node), tables, "dimension " + name);
        Map<String, List<String>> valueSynonyms = new LinkedHashMap<>();
        Optional.ofNullable(map.get("value_synonyms")).ifPresent(values -> entries(values, "value_synonyms of " + name)
                .forEach((value, words) -> valueSynonyms.put(value, strings(words, "value_synonyms of " + name))));
        boolean negatable = optional(map, "negatable").map(value -> Boolean.parseBoolean(scalar(value, "negatable of " + name))).orElse(false);
        return new Dimension(name, table, identifier(required(map, "column", node), "column of " + name), synonyms(map), valueSynonyms, negatable, line(node));
    }

    private Metric metric(String name, Node node, Map<String, TableSpec> tables)
    {
        Map<String, Node> map = mapping(node, "metric " + name, Set.of("label", "table", "sql", "unit", "higher_is_better", "description", "synonyms", "date", "default_period", "open_period", "whole_period"));
        String sql = scalar(required(map, "sql", node), "sql of " + name);
        if (sql.contains(";")) {
            throw problem(line(map.get("sql")), "the sql of metric %s must be one expression, without ';'".formatted(name));
        }
        return new Metric(
                name,
                optional(map, "label").map(label -> scalar(label, "label of " + name)).orElse(name.replace('_', ' ')),
                knownTable(required(map, "table", node), tables, "metric " + name),
                sql,
                scalar(required(map, "unit", node), "unit of " + name),
                optional(map, "higher_is_better").map(value -> Boolean.parseBoolean(scalar(value, "higher_is_better of " + name))),
                scalar(required(map, "description", node), "description of " + name),
                synonyms(map),
                optional(map, "date").map(date -> scalar(date, "date of " + name)),
                optional(map, "default_period").map(period -> knownPeriod(period, "default_period of " + name)),
                optional(map, "open_period").map(words -> scalar(words, "open_period of " + name)),
                optional(map, "whole_period").map(value -> Boolean.parseBoolean(scalar(value, "whole_period of " + name))).orElse(false),
                line(node));
    }

    private String knownPeriod(Node node, String what)
    {
        String words = scalar(node, what);
        // whether the words name a period does not depend on the day, only what they resolve to
        if (TimeExpressions.parse(words, LocalDate.EPOCH).isEmpty()) {
            throw problem(line(node), "the %s, '%s', is not a period the engine understands (e.g. this quarter, fiscal year to date, last 6 sprints)".formatted(what, words));
        }
        return words;
    }

    private OverBudget overBudget(Node node, Map<String, Metric> metrics)
    {
        Map<String, Node> map = mapping(node, "over_budget", Set.of("amount", "percent", "plan", "actual"));
        Metric amount = knownMetric(scalar(required(map, "amount", node), "amount of over_budget"), map.get("amount"), metrics, "the amount of over_budget");
        Metric percent = knownMetric(scalar(required(map, "percent", node), "percent of over_budget"), map.get("percent"), metrics, "the percent of over_budget");
        if (!amount.table().equals(percent.table())) {
            throw problem(line(node), "the amount and the percent of over_budget must share a table, but %s is over %s and %s over %s"
                    .formatted(amount.name(), amount.table(), percent.name(), percent.table()));
        }
        if (!percent.unit().equals("%")) {
            throw problem(line(map.get("percent")), "the percent of over_budget, %s, has unit '%s', not '%%'".formatted(percent.name(), percent.unit()));
        }
        if (map.containsKey("plan") != map.containsKey("actual")) {
            throw problem(line(node), "over_budget names %s but not %s: name both sides of the variance, or neither".formatted(
                    map.containsKey("plan") ? "its plan" : "its actual", map.containsKey("plan") ? "its actual" : "its plan"));
        }
        Optional<OverBudget.Sides> sides = Optional.ofNullable(map.get("plan")).map(plan -> {
            Metric planned = knownMetric(scalar(plan, "plan of over_budget"), plan, metrics, "the plan of over_budget");
            Metric actual = knownMetric(scalar(map.get("actual"), "actual of over_budget"), map.get("actual"), metrics, "the actual of over_budget");
            // the variance compares the two on the same rows
            for (Metric side : List.of(planned, actual)) {
                if (!side.table().equals(amount.table())) {
                    throw problem(line(node), "the plan and the actual of over_budget must be over the variance's table %s, but %s is over %s".formatted(amount.table(), side.name(), side.table()));
                }
            }
            return new OverBudget.Sides(planned.name(), actual.name());
        });
        return new OverBudget(amount.name(), percent.name(), sides);
    }

    private TextSource textSource(String name, Node node, Map<String, TableSpec> tables)
    {
        Map<String, Node> map = mapping(node, "text source " + name, Set.of("table", "id", "title", "text", "metadata", "current", "synonyms"));
        List<String> text = strings(required(map, "text", node), "text of " + name);
        if (text.isEmpty()) {
            throw problem(line(node), "text source %s needs at least one text column".formatted(name));
        }
        text.forEach(column -> requireIdentifier(column, map.get("text"), "text column of " + name));
        List<String> metadata = optional(map, "metadata").map(value -> strings(value, "metadata of " + name)).orElse(List.of());
        Map<String, List<String>> current = new LinkedHashMap<>();
        Optional.ofNullable(map.get("current")).ifPresent(values -> entries(values, "current of " + name).forEach((dimension, kept) -> {
            if (!metadata.contains(dimension)) {
                throw problem(line(values), "current of text source %s names %s, which is not in its metadata %s".formatted(name, dimension, metadata));
            }
            current.put(dimension, strings(kept, "current of " + name));
        }));
        return new TextSource(
                name,
                knownTable(required(map, "table", node), tables, "text source " + name),
                identifier(required(map, "id", node), "id of " + name),
                identifier(required(map, "title", node), "title of " + name),
                text,
                metadata,
                current,
                synonyms(map),
                line(node));
    }

    private VerifiedQuestion verifiedQuestion(Node node, SemanticModel model)
    {
        Map<String, Node> map = mapping(node, "a verified question", Set.of("question", "plan"));
        String question = scalar(required(map, "question", node), "question");
        Node planNode = required(map, "plan", node);
        Plan plan;
        try {
            plan = JSON.convertValue(plain(planNode), Plan.class);
        }
        catch (IllegalArgumentException e) {
            throw problem(line(planNode), "the plan of \"%s\" is malformed: %s".formatted(question, e.getMessage().lines().findFirst().orElse("")));
        }
        List<String> problems = new PlanValidator(model).problems(plan, LocalDate.EPOCH);
        if (!problems.isEmpty()) {
            throw problem(line(planNode), "the plan of \"%s\": %s".formatted(question, String.join("; ", problems)));
        }
        return new VerifiedQuestion(question, plan, line(node));
    }

    private String knownTable(Node node, Map<String, TableSpec> tables, String what)
    {
        String table = identifier(node, "table of " + what);
        if (!tables.containsKey(table)) {
            throw problem(line(node), "%s uses table %s, which is not among the tables (%s)".formatted(what, table, String.join(", ", tables.keySet())));
        }
        return table;
    }

    private Metric knownMetric(String name, Node node, Map<String, Metric> metrics, String what)
    {
        Metric metric = metrics.get(name);
        if (metric == null) {
            throw problem(line(node), "%s names '%s', which is not a metric (%s)".formatted(what, name, String.join(", ", metrics.keySet())));
        }
        return metric;
    }

    private List<String> synonyms(Map<String, Node> map)
    {
        return optional(map, "synonyms").map(node -> strings(node, "synonyms")).orElse(List.of());
    }

    private Map<String, Node> entries(Node node, String what)
    {
        return mapping(node, what, null);
    }

    private Map<String, Node> mapping(Node node, String what, Set<String> allowed)
    {
        if (!(node instanceof MappingNode mappingNode)) {
            throw problem(line(node), "%s must be a mapping of keys to values".formatted(what));
        }
        Map<String, Node> map = new LinkedHashMap<>();
        for (NodeTuple tuple : mappingNode.getValue()) {
            String key = scalar(tuple.getKeyNode(), "a key of " + what);
            if (allowed != null && !allowed.contains(key)) {
                throw problem(line(tuple.getKeyNode()), "unknown key '%s' in %s (known: %s)".formatted(key, what, String.join(", ", allowed.stream().sorted().toList())));
            }
            map.put(key, tuple.getValueNode());
        }
        return map;
    }

    private List<Node> sequence(Node node, String what)
    {
        if (!(node instanceof SequenceNode sequenceNode)) {
            throw problem(line(node), "%s must be a list".formatted(what));
        }
        return sequenceNode.getValue();
    }

    private List<String> strings(Node node, String what)
    {
        if (node instanceof ScalarNode) {
            return List.of(scalar(node, what));
        }
        return sequence(node, what).stream().map(item -> scalar(item, what)).toList();
    }

    private Node required(Map<String, Node> map, String key, Node parent)
    {
        Node node = map.get(key);
        if (node == null) {
            throw problem(line(parent), "'%s' is missing".formatted(key));
        }
        return node;
    }

    private static Optional<Node> optional(Map<String, Node> map, String key)
    {
        return Optional.ofNullable(map.get(key));
    }

    private String scalar(Node node, String what)
    {
        if (!(node instanceof ScalarNode scalarNode) || scalarNode.getValue().isBlank()) {
            throw problem(line(node), "%s must be a non-empty text".formatted(what));
        }
        return scalarNode.getValue();
    }

    private String identifier(Node node, String what)
    {
        String value = scalar(node, what);
        requireIdentifier(value, node, what);
        return value;
    }

    private void requireIdentifier(String value, Node node, String what)
    {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw problem(line(node), "%s is '%s', which is not a lower-case SQL name ([a-z_][a-z0-9_]*)".formatted(what, value));
        }
    }

    /**
     * The node as maps, lists, strings, numbers and booleans, for Jackson.
     */
    private Object plain(Node node)
    {
        return switch (node) {
            case MappingNode mappingNode -> {
                Map<String, Object> map = new LinkedHashMap<>();
                mapping(mappingNode, "plan", null).forEach((key, value) -> map.put(key, plain(value)));
                yield map;
            }
            case SequenceNode sequenceNode -> sequenceNode.getValue().stream().map(this::plain).toList();
            case ScalarNode scalarNode when scalarNode.getTag().equals(Tag.INT) -> Long.parseLong(scalarNode.getValue());
            case ScalarNode scalarNode when scalarNode.getTag().equals(Tag.FLOAT) -> Double.parseDouble(scalarNode.getValue());
            case ScalarNode scalarNode when scalarNode.getTag().equals(Tag.BOOL) -> Boolean.parseBoolean(scalarNode.getValue());
            case ScalarNode scalarNode -> scalarNode.getValue();
            default -> throw problem(line(node), "unexpected YAML in a plan");
        };
    }

    private static int line(Node node)
    {
        return node.getStartMark().getLine() + 1;
    }

    private SemanticModelException problem(int line, String message)
    {
        return new SemanticModelException("%s: line %d: %s".formatted(file, line, message));
    }
}
