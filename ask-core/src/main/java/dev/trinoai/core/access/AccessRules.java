package dev.trinoai.core.access;

import dev.trinoai.core.AskException;
import dev.trinoai.core.model.SemanticModel;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

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
        Object root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the access rules file %s (ai.access.rules-file): %s".formatted(file, e.getMessage()), e);
        }
        catch (RuntimeException e) {
            throw new IllegalArgumentException("The access rules file %s is not valid YAML or JSON: %s".formatted(file, e.getMessage()), e);
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("rules") instanceof List<?> entries) || top.size() != 1) {
            throw new IllegalArgumentException("The access rules file %s must hold one key, rules, with a list of rules".formatted(file));
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = "%s: rule %d".formatted(file, i + 1);
            if (!(entries.get(i) instanceof Map<?, ?> entry) || !Set.of("user", "group", "allow").containsAll(entry.keySet()) || !entry.containsKey("allow")) {
                throw new IllegalArgumentException(where + ": a rule has allow and may have user and group, nothing else");
            }
            rules.add(new Rule(
                    pattern(where, entry.get("user")).orElse(Pattern.compile(".*")),
                    pattern(where, entry.get("group")),
                    scope(where, entry.get("allow"), model)));
        }
        return new AccessRules(file.toString(), rules);
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

    private static Optional<Pattern> pattern(String where, Object value)
    {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(value.toString()));
        }
        catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("%s: %s is not a regular expression: %s".formatted(where, value, e.getDescription()), e);
        }
    }

    private static AccessScope scope(String where, Object allow, SemanticModel model)
    {
        if (ALL.equals(allow)) {
            return AccessScope.ALL;
        }
        if (!(allow instanceof Map<?, ?> dimensions) || dimensions.isEmpty()) {
            throw new IllegalArgumentException(where + ": allow is either all or a map from dimensions to the values allowed, e.g. {program: [Apollo]}");
        }
        Map<String, List<String>> allowed = new LinkedHashMap<>();
        dimensions.forEach((dimension, values) -> {
            if (model.dimension(String.valueOf(dimension)).isEmpty()) {
                throw new IllegalArgumentException("%s: %s is not a dimension of the semantic model (%s)".formatted(where, dimension, String.join(", ", model.dimensions().keySet())));
            }
            if (!(values instanceof List<?> list) || list.isEmpty() || list.stream().anyMatch(value -> value == null || value instanceof Map || value instanceof List)) {
                throw new IllegalArgumentException("%s: the values allowed of %s are a non-empty list of names".formatted(where, dimension));
            }
            allowed.put(dimension.toString(), list.stream().map(Object::toString).toList());
        });
        return new AccessScope(allowed);
    }
}
