package dev.trinoai.connector;

import dev.trinoai.core.model.SemanticModelLoader;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code CALL ai.system.reload()} over the seed-42 sample: an edited model file is served without a restart, a broken
 * one is refused naming its file and line while the model before it goes on answering, and a catalog does not start on
 * a model with a problem.
 */
final class TestModelReload
        extends AbstractTestQueryFramework
{
    private static final String PACE = "What is the pace of each team this quarter?";
    private static final String SPEND = "What is the actual spend by program this quarter?";

    private final Path model = temporaryModel();
    private TestingSampleWarehouse warehouse;

    /**
     * One node: in a query runner a node loads a catalog when its first task needs it, and one that first loads it
     * after the file broke refuses it, as a node starting on a broken file does.
     */
    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        warehouse = TestingSampleWarehouse.shared();
        Map<String, String> properties = new HashMap<>(warehouse.catalogProperties());
        properties.put("ai.semantic-model.path", model.toString());
        return TestingSampleWarehouse.queryRunnerWithCatalog(properties, 0);
    }

    @AfterAll
    void deleteModel()
            throws IOException
    {
        Files.deleteIfExists(model);
    }

    @Test
    void anEditedModelIsServedWithoutARestart()
    {
        write(shipped());
        assertUpdate("CALL ai.system.reload()");
        assertThat(kinds(PACE)).doesNotContain("number");

        write(withPace(shipped()));
        assertUpdate("CALL ai.system.reload()");
        assertThat(computeActual("SELECT DISTINCT text FROM TABLE(ai.system.ask(question => '%s')) WHERE kind = 'number'".formatted(PACE)).getOnlyColumnAsSet()).containsExactly("team pace");
        assertThat(computeActual("SELECT label FROM ai.model.metrics WHERE metric = 'velocity'").getOnlyValue()).isEqualTo("team pace");
    }

    @Test
    void aBrokenEditIsRefusedWithItsFileAndLineAndTheModelBeforeItGoesOnAnswering()
    {
        write(withPace(shipped()));
        assertUpdate("CALL ai.system.reload()");
        String broken = withPace(shipped()).replace("sql: sum(f.actual_usd)\n", "sql: sum(f.actual_usdd)\n");
        write(broken);
        int line = SemanticModelLoader.load(model).metric("actual_spend").orElseThrow().line();
        assertQueryFails("CALL ai.system.reload()",
                "(?s)The semantic model was not reloaded; the one before it is still served\\. The semantic model %s has 1 problem:\n%s: line %d: the SQL of metric actual_spend fails in PostgreSQL: ERROR: column f\\.actual_usdd does not exist"
                        .formatted(model, model, line).replace("/", "\\/"));
        assertThat(kinds(SPEND)).contains("number");
        assertThat(computeActual("SELECT DISTINCT text FROM TABLE(ai.system.ask(question => '%s')) WHERE kind = 'number'".formatted(PACE)).getOnlyColumnAsSet()).containsExactly("team pace");
    }

    @Test
    void aCatalogDoesNotStartOnAModelWithAProblem()
            throws IOException
    {
        Path broken = Files.createTempFile("broken-model", ".yaml");
        try {
            Files.writeString(broken, shipped().replace("synonyms: [portfolio, portfolios]", "synonyms: [portfolio, portfolios, DOE]"));
            Map<String, String> properties = new HashMap<>(warehouse.catalogProperties());
            properties.put("ai.semantic-model.path", broken.toString());
            int line = SemanticModelLoader.load(broken).dimension("portfolio").orElseThrow().line();
            assertThatThrownBy(() -> getQueryRunner().createCatalog("ai_broken", "ai", properties))
                    .hasStackTraceContaining("%s: line %d: the synonym 'DOE' of dimension portfolio reads as the English word 'does'".formatted(broken, line));
        }
        finally {
            Files.delete(broken);
        }
    }

    private List<Object> kinds(String question)
    {
        return computeActual("SELECT kind FROM TABLE(ai.system.ask(question => '%s'))".formatted(question)).getOnlyColumn().toList();
    }

    private static String withPace(String yaml)
    {
        String edited = yaml
                .replace("  velocity:\n    table: fact_sprint\n", "  velocity:\n    label: team pace\n    table: fact_sprint\n")
                .replace("synonyms: [velocity, velocities,", "synonyms: [pace, velocity, velocities,");
        assertThat(edited).isNotEqualTo(yaml);
        return edited;
    }

    private void write(String yaml)
    {
        try {
            Files.writeString(model, yaml);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shipped()
    {
        try {
            return Files.readString(TestingSampleWarehouse.SEMANTIC_MODEL);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryModel()
    {
        try {
            return Files.write(Files.createTempFile("semantic-model", ".yaml"), Files.readAllBytes(TestingSampleWarehouse.SEMANTIC_MODEL));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
