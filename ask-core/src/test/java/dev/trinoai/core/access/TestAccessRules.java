package dev.trinoai.core.access;

import dev.trinoai.core.AskException;
import dev.trinoai.core.AskFailure;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.sql.CompiledQuery;
import dev.trinoai.core.sql.SqlCompiler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("security")
final class TestAccessRules
{
    private static final SemanticModel MODEL = SemanticModelLoader.load(Path.of("../etc/ai/semantic-model.yaml"));
    private static final AccessScope APOLLO = new AccessScope(Map.of("program", List.of("Apollo")));

    @TempDir
    Path directory;

    @Test
    void theFirstMatchingRuleDecides()
            throws IOException
    {
        AccessRules rules = rules("""
                rules:
                  - user: pm_apollo
                    allow: {program: [Apollo]}
                  - group: finance|exec
                    allow: {portfolio: [Core Platforms]}
                  - user: "analyst|bi_.*"
                    allow: all
                """);
        assertThat(rules.scopeOf("pm_apollo", Set.of("finance"))).isEqualTo(APOLLO);
        assertThat(rules.scopeOf("carol", Set.of("exec"))).isEqualTo(new AccessScope(Map.of("portfolio", List.of("Core Platforms"))));
        assertThat(rules.scopeOf("bi_tableau", Set.of()).unrestricted()).isTrue();
        assertThatThrownBy(() -> rules.scopeOf("mallory", Set.of("finance_x")))
                .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(AskFailure.ACCESS_DENIED))
                .hasMessage("No row access rule matches the user mallory, so the ai catalog answers nothing for them. " +
                        "Ask your administrator to add a rule for user mallory (or one of their groups) to the ai catalog's access rules.")
                // a user learns what to ask for, not where the server keeps its files
                .message().doesNotContain(directory.toString()).doesNotContain("rules.yaml");
    }

    @Test
    void jsonIsReadToo()
            throws IOException
    {
        AccessRules rules = rules("""
                {"rules": [{"user": "pm_apollo", "allow": {"program": ["Apollo"]}}]}
                """);
        assertThat(rules.scopeOf("pm_apollo", Set.of())).isEqualTo(APOLLO);
    }

    @Test
    void badRulesNameTheFileTheRuleAndTheProblem()
    {
        assertThatThrownBy(() -> rules("rules:\n  - user: a\n    allow: {programme: [Apollo]}\n"))
                .hasMessageMatching(".*rules.yaml: rule 1: programme is not a dimension of the semantic model \\(program, portfolio, .*");
        assertThatThrownBy(() -> rules("rules:\n  - user: a\n    allow: {program: []}\n"))
                .hasMessageContaining("rule 1: the values allowed of program are a non-empty list");
        assertThatThrownBy(() -> rules("rules:\n  - user: a\n    allow: everything\n"))
                .hasMessageContaining("allow is either all or a map");
        assertThatThrownBy(() -> rules("rules:\n  - user: \"(\"\n    allow: all\n"))
                .hasMessageContaining("rule 1: ( is not a regular expression");
        assertThatThrownBy(() -> rules("rules:\n  - users: a\n    allow: all\n"))
                .hasMessageContaining("a rule has allow and may have user and group, nothing else");
        assertThatThrownBy(() -> rules("- user: a\n"))
                .hasMessageContaining("must hold one key, rules");
    }

    @Test
    void whatDoesNotBindOntoARuleIsNamedWithItsRule()
    {
        assertThatThrownBy(() -> rules("rules:\n  - user: a\n    allow: all\n  - user: b\n"))
                .hasMessageMatching(".*rules.yaml: rule 2: a rule has allow and may have user and group, nothing else");
        assertThatThrownBy(() -> rules("rules:\n  - user: a\n    allow: {}\n"))
                .hasMessageContaining("rule 1: allow is either all or a map");
        assertThatThrownBy(() -> rules("rules:\n  - user: a\n    allow: [Apollo]\n"))
                .hasMessageContaining("rule 1: allow is either all or a map");
        assertThatThrownBy(() -> rules("rules:\n  - user: a\n    allow: {program: Apollo}\n"))
                .hasMessageContaining("rule 1: the values allowed of program are a non-empty list of names");
        assertThatThrownBy(() -> rules("rules:\n  - user: a\n    allow: {program: [Apollo, null]}\n"))
                .hasMessageContaining("rule 1: the values allowed of program are a non-empty list of names");
        assertThatThrownBy(() -> rules("rules:\n  - user: a\n    allow: {program: [{name: Apollo}]}\n"))
                .hasMessageContaining("rule 1: the values allowed of program are a non-empty list of names");
        assertThatThrownBy(() -> rules("rules: []\nusers: []\n"))
                .hasMessageContaining("must hold one key, rules");
        assertThatThrownBy(() -> rules(""))
                .hasMessageContaining("must hold one key, rules");
        assertThatThrownBy(() -> rules("rules: [\n"))
                .hasMessageContaining("is not valid YAML or JSON");
    }

    @Test
    void withoutAFileEveryoneSeesEverything()
    {
        assertThat(AccessRules.allowAll().scopeOf("anyone", Set.of()).unrestricted()).isTrue();
    }

    @Test
    void scopesWithTheSameRightsAreEqual()
    {
        assertThat(new AccessScope(Map.of("program", List.of("Falcon", "Apollo", "Apollo"))))
                .isEqualTo(new AccessScope(Map.of("program", List.of("Apollo", "Falcon"))));
    }

    @Test
    void everyStatementCarriesTheScopeThroughTheJoins()
    {
        CompiledQuery compiled = new SqlCompiler(MODEL).compile(new MetricQuery("mttr", List.of("team"), Map.of(), "this quarter", null, null, null), LocalDate.of(2026, 11, 25), 1000, APOLLO);
        // incidents reach programs through their team
        assertThat(compiled.sql())
                .contains("LEFT JOIN star.dim_team AS dim_team ON dim_team.team_key = f.team_key")
                .contains("LEFT JOIN star.dim_program AS dim_program ON dim_program.program_key = dim_team.program_key")
                .contains("dim_program.name::text = ANY(?)");
        assertThat(compiled.parameters()).anySatisfy(parameter -> assertThat(parameter).isEqualTo(new String[] {"Apollo"}));
    }

    @Test
    void aMeasureThatCannotBeLimitedIsRefused()
    {
        AccessScope cloudOnly = new AccessScope(Map.of("category", List.of("cloud")));
        SqlCompiler compiler = new SqlCompiler(MODEL);
        assertThat(compiler.compile(new MetricQuery("actual_spend", List.of(), Map.of(), null, null, null, null), LocalDate.of(2026, 11, 25), 1000, cloudOnly).sql())
                .contains("f.category::text = ANY(?)");
        assertThatThrownBy(() -> compiler.compile(new MetricQuery("incident_count", List.of(), Map.of(), null, null, null, null), LocalDate.of(2026, 11, 25), 1000, cloudOnly))
                .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(AskFailure.ACCESS_DENIED))
                .hasMessageContaining("The measure incident count cannot be limited to the category values you may see (fact_incident does not join to them)");
    }

    private AccessRules rules(String text)
            throws IOException
    {
        Path file = directory.resolve("rules.yaml");
        Files.writeString(file, text);
        return AccessRules.load(file, MODEL);
    }
}
