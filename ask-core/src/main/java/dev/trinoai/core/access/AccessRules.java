package dev.trinoai.core.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.trinoai.core.AskException;
import dev.trinoai.core.model.SemanticModel;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static dev.trinoai.core.AskFailure.ACCESS_DENIED;
import static java.lang.System.Logger.Level.INFO;
import static java.util.Objects.requireNonNull;

/**
 * Which rows each Trino user may see, from the file named by {@code ai.access.rules-file} (YAML, or JSON, which is
 * YAML too). Rules are tried in order and the first whose {@code user} and {@code group} patterns match decides, as in
 * Trino's file-based access control; a caller no rule matches is refused (deny by default).
 *
 * <pre>
 * rules:
 *   - user: pm_apollo
 *     allow: {program: [Apollo]}
 *   - group: finance
 *     allow: {portfolio: [Digital Channels]}
 *   - user: ".*"
 *     allow: all
 * </pre>
 */
public final class AccessRules
{
    private static final System.Logger LOG = System.getLogger(AccessRules.class.getName());
    private static final String ALL = "all";
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final String NOT_A_RULES_FILE = "The access rules file %s must hold one key, rules, with a list of rules";
    private static final String NOT_A_RULE = ": a rule has allow and may have user and group, nothing else";
    private static final String ALLOW_IS = ": allow is either all or a map from dimensions to the values allowed, e.g. {program: [Apollo]}";
    private static final String VALUES_ARE = ": the values allowed of %s are a non-empty list of names";

    private final String source;
    private final List<Rule> rules;

    /**
     * @param user a regular expression the whole user name must match
     * @param group a regular expression one of the user's groups must match; empty for any user, grouped or not
     */
    private record Rule(Pattern user, Optional<Pattern> group, AccessScope scope)
    {
        boolean matches(String name, Set<String> groups)
        {
            return user.matcher(name).matches() && group.map(pattern -> groups.stream().anyMatch(value -> pattern.matcher(value).matches())).orElse(true);
        }
    }

    private AccessRules(String source, List<Rule> rules)
    {
        this.source = requireNonNull(source, "source is null");
        this.rules = List.copyOf(rules);
    }

    /**
     * Every caller sees every row: the catalog names no rules file.
     */
    public static AccessRules allowAll()
    {
        return new AccessRules("(no ai.access.rules-file)", List.of(new Rule(Pattern.compile(".*"), Optional.empty(), AccessScope.ALL)));
    }

    /**
     * Reads and checks the rules: every dimension they restrict must be one of the semantic model's.
     *
     * @throws IllegalArgumentException naming the file, the rule and the problem
     */
    public static AccessRules load(Path file, SemanticModel model)
    {
        JsonNode tree;
        try (Reader reader = Files.newBufferedReader(file)) {
            tree = YAML.readTree(reader);
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The access rules file %s is not valid YAML or JSON: %s".formatted(file, e.getOriginalMessage()), e);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the access rules file %s (ai.access.rules-file): %s".formatted(file, e.getMessage()), e);
        }
        // read first, bound after: a syntax error is told apart from a file of the wrong shape
        RulesFile bound;
        try {
            bound = tree == null || tree.isMissingNode() ? null : YAML.treeToValue(tree, RulesFile.class);
        }
        catch (JsonMappingException e) {
            throw problem(file, e);
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException(NOT_A_RULES_FILE.formatted(file), e);
        }
        if (bound == null || bound.rules() == null) {
            throw new IllegalArgumentException(NOT_A_RULES_FILE.formatted(file));
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < bound.rules().size(); i++) {
            String where = "%s: rule %d".formatted(file, i + 1);
            RuleEntry entry = bound.rules().get(i);
            if (entry == null || entry.allow() == null) {
                throw new IllegalArgumentException(where + NOT_A_RULE);
            }
            rules.add(new Rule(
                    pattern(where, entry.user()).orElse(Pattern.compile(".*")),
                    pattern(where, entry.group()),
                    scope(where, entry.allow(), model)));
        }
        return new AccessRules(file.toString(), rules);
    }

    /**
     * What the file holds: {@code rules}, each rule {@code allow} with optional {@code user} and {@code group}.
     */
    private record RulesFile(@JsonProperty("rules") List<RuleEntry> rules) {}

    private record RuleEntry(@JsonProperty("user") String user, @JsonProperty("group") String group, @JsonProperty("allow") Allow allow) {}

    /**
     * {@code all}, or the values allowed by dimension; which word or map it is is checked against the model after
     * binding, where the rule's number is known.
     */
    private record Allow(Optional<String> word, Map<String, List<String>> dimensions)
    {
        @JsonCreator
        static Allow of(String word)
        {
            return new Allow(Optional.of(word), Map.of());
        }

        @JsonCreator
        static Allow of(Map<String, List<String>> dimensions)
        {
            return new Allow(Optional.empty(), dimensions);
        }
    }

    /**
     * A file that does not bind onto {@link RulesFile}, told by where in it Jackson stopped:
     * {@code [rules][i][allow][dimension]...}.
     */
    private static IllegalArgumentException problem(Path file, JsonMappingException e)
    {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.size() < 2 || !"rules".equals(path.getFirst().getFieldName())) {
            return new IllegalArgumentException(NOT_A_RULES_FILE.formatted(file), e);
        }
        String where = "%s: rule %d".formatted(file, path.get(1).getIndex() + 1);
        if (path.size() == 2 || !"allow".equals(path.get(2).getFieldName())) {
            return new IllegalArgumentException(where + NOT_A_RULE, e);
        }
        if (path.size() == 3) {
            return new IllegalArgumentException(where + ALLOW_IS, e);
        }
        return new IllegalArgumentException(where + VALUES_ARE.formatted(path.get(3).getFieldName()), e);
    }

    /**
     * The rows a caller may see.
     *
     * @throws AskException {@link dev.trinoai.core.AskFailure#ACCESS_DENIED} when no rule matches
     */
    public AccessScope scopeOf(String user, Set<String> groups)
    {
        requireNonNull(user, "user is null");
        requireNonNull(groups, "groups is null");
        return rules.stream()
                .filter(rule -> rule.matches(user, groups))
                .findFirst()
                .map(Rule::scope)
                .orElseThrow(() -> denied(user, groups));
    }

    /**
     * The refusal says what the user can do; which file the server read is for the server log only.
     */
    private AskException denied(String user, Set<String> groups)
    {
        LOG.log(INFO, "No row access rule of %s matches the user %s (groups %s)".formatted(source, user, groups));
        return new AskException(ACCESS_DENIED, ("No row access rule matches the user %s, so the ai catalog answers nothing for them. " +
                "Ask your administrator to add a rule for user %s (or one of their groups) to the ai catalog's access rules.")
                .formatted(user, user));
    }

    private static Optional<Pattern> pattern(String where, String value)
    {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(value));
        }
        catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("%s: %s is not a regular expression: %s".formatted(where, value, e.getDescription()), e);
        }
    }

    private static AccessScope scope(String where, Allow allow, SemanticModel model)
    {
        if (allow.word().filter(ALL::equals).isPresent()) {
            return AccessScope.ALL;
        }
        if (allow.word().isPresent() || allow.dimensions().isEmpty()) {
            throw new IllegalArgumentException(where + ALLOW_IS);
        }
        Map<String, List<String>> allowed = new LinkedHashMap<>();
        allow.dimensions().forEach((dimension, values) -> {
            if (model.dimension(dimension).isEmpty()) {
                throw new IllegalArgumentException("%s: %s is not a dimension of the semantic model (%s)".formatted(where, dimension, String.join(", ", model.dimensions().keySet())));
            }
            if (values == null || values.isEmpty() || values.contains(null)) {
                throw new IllegalArgumentException(where + VALUES_ARE.formatted(dimension));
            }
            allowed.put(dimension, List.copyOf(values));
        });
        return new AccessScope(allowed);
    }
}
