package dev.trinoai.core.sql;

import dev.trinoai.core.AskException;
import dev.trinoai.core.AskFailure;
import dev.trinoai.core.TestingPostgres;
import dev.trinoai.core.model.ModelProblem;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * A model checked against the real PostgreSQL: each table, column, join and metric the database would refuse is named
 * with the model's file and line, and the check reads no row.
 */
@TestInstance(PER_CLASS)
final class TestSchemaCheck
{
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 15);
    private static final String MODEL = """
            schema: star
            tables:
              dim_program:
                key: program_key
              fact_spend:
                joins: {dim_program: program_key}
                date: month_key
            dimensions:
              program:
                table: dim_program
                column: name
            metrics:
              spend:
                table: fact_spend
                sql: sum(f.actual_usd)
                unit: USD
                description: Spend.
                default_period: fiscal year to date
              share:
                table: fact_spend
                sql: 100.0 * sum(f.actual_usd * :elapsed) / NULLIF(count(*) FILTER (WHERE f.month_key < :as_of), 0)
                unit: "%"
                description: A share.
            """;

    private TestingPostgres postgres;

    @BeforeAll
    void createTables()
    {
        postgres = TestingPostgres.create();
        postgres.execute(
                // the periods of a metric compile to a join to the date dimension
                "CREATE TABLE star.dim_date (date_key integer PRIMARY KEY, date date, fiscal_year integer, fiscal_quarter integer)",
                "CREATE TABLE star.dim_program (program_key integer PRIMARY KEY, name text)",
                "CREATE TABLE star.fact_spend (program_key integer REFERENCES star.dim_program, month_key integer, actual_usd numeric)",
                "INSERT INTO star.dim_program VALUES (1, 'Apollo')",
                "INSERT INTO star.fact_spend VALUES (1, 20261101, 100)");
    }

    @AfterAll
    void dropDatabase()
    {
        postgres.close();
    }

    @Test
    void aModelThatMatchesTheDatabaseHasNoProblem()
            throws SQLException
    {
        assertThat(problems(MODEL)).isEmpty();
    }

    @Test
    void aMisspeltColumnInAMetricIsNamedWithItsLine()
            throws SQLException
    {
        assertThat(problems(MODEL.replace("sum(f.actual_usd)\n", "sum(f.actaul_usd)\n"))).extracting(ModelProblem::toString)
                .containsExactly("model.yaml: line 14: the SQL of metric spend fails in PostgreSQL: ERROR: column f.actaul_usd does not exist");
    }

    @Test
    void aMissingTableColumnOrJoinIsNamedWithItsLine()
            throws SQLException
    {
        assertThat(problems(MODEL.replace("column: name", "column: title").replace("date: month_key", "date: month")))
                .extracting(ModelProblem::toString)
                .containsExactly(
                        "model.yaml: line 6: the date of table fact_spend names column month, which table star.fact_spend does not have (its columns: program_key, month_key, actual_usd)",
                        "model.yaml: line 6: the date of table fact_spend fails in PostgreSQL: ERROR: column f.month does not exist",
                        "model.yaml: line 10: dimension program names column title, which table star.dim_program does not have (its columns: program_key, name)",
                        "model.yaml: line 14: the SQL of metric spend fails in PostgreSQL: ERROR: column f.month does not exist",
                        "model.yaml: line 20: the SQL of metric share fails in PostgreSQL: ERROR: column f.month does not exist");
        assertThat(problems(MODEL.replace("fact_spend", "fact_spending"))).extracting(ModelProblem::toString)
                .singleElement().asString()
                .startsWith("model.yaml: line 6: table fact_spending is not in the schema star of the database (its tables: dim_date, dim_program, fact_spend");
    }

    @Test
    void aDatabaseWithNoneOfTheModelsTablesIsNotReadyRatherThanTheModelWrong()
    {
        // before the first ingest: every table would be a problem, and none is the model's
        assertThatThrownBy(() -> problems(MODEL.replace("fact_spend", "fact_spending").replace("dim_program", "dim_programme")))
                .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(AskFailure.DATABASE_NOT_READY))
                .hasMessage("The schema star of the database has none of the tables of the semantic model model.yaml (dim_programme, fact_spending): load it first (scripts/jobs.sh ingest), then check the model again");
    }

    @Test
    void aJoinOfColumnsThatCannotBeComparedIsNamed()
            throws SQLException
    {
        postgres.execute("CREATE TABLE star.fact_note (program_key text, month_key integer)");
        assertThat(problems((MODEL + """
                  notes:
                    table: fact_note
                    sql: count(*)
                    unit: notes
                    description: Notes.
                """).replace("  fact_spend:\n", "  fact_note:\n    joins: {dim_program: program_key}\n  fact_spend:\n")))
                .extracting(ModelProblem::toString)
                .singleElement().asString()
                .startsWith("model.yaml: line 6: the join of table fact_note to dim_program fails in PostgreSQL: ERROR: operator does not exist: integer = text");
    }

    private List<ModelProblem> problems(String yaml)
            throws SQLException
    {
        SemanticModel model = SemanticModelLoader.parse("model.yaml", new StringReader(yaml));
        try (Connection connection = postgres.connect()) {
            return SchemaCheck.problems(model, connection, AS_OF);
        }
    }
}
