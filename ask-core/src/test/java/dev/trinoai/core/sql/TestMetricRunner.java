package dev.trinoai.core.sql;

import dev.trinoai.core.AskException;
import dev.trinoai.core.TestingPostgres;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.model.TestingSemanticModels;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.warehouse.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.trinoai.core.AskFailure.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * How a compiled statement runs against the real PostgreSQL: read-only, within the statement timeout, never more rows
 * than the cap, and with the caller's allowed values bound as the array the access filter compares with.
 */
@TestInstance(PER_CLASS)
final class TestMetricRunner
{
    private static final Metric SPEND = SemanticModelLoader.load(TestingSemanticModels.SHIPPED).metric("actual_spend").orElseThrow();
    // ordered as the compiler orders: groups without a value last
    private static final String ALL_PROGRAMS = "SELECT program, sum(usd) AS value FROM star.spend GROUP BY program ORDER BY value DESC NULLS LAST";
    private static final String BY_PROGRAM = "SELECT program, sum(usd) AS value FROM star.spend WHERE usd IS NOT NULL GROUP BY program ORDER BY value DESC";

    private TestingPostgres postgres;
    private Warehouse warehouse;

    @BeforeAll
    void createSpend()
    {
        postgres = TestingPostgres.create();
        postgres.execute(
                "CREATE TABLE star.spend (program text, day date, usd double precision)",
                """
                INSERT INTO star.spend VALUES
                  ('Apollo', DATE '2026-11-02', 500), ('Apollo', DATE '2026-11-03', 100), ('Borealis', DATE '2026-11-02', 400),
                  ('Cassini', DATE '2026-11-04', 300), ('Draco', DATE '2026-11-05', 200), (NULL, DATE '2026-11-06', 50),
                  ('Eris', DATE '2026-11-06', NULL)
                """);
        warehouse = new Warehouse(postgres.warehouseConfig());
    }

    @AfterAll
    void dropDatabase()
    {
        warehouse.close();
        postgres.close();
    }

    @Test
    void keepsEveryGroupWithAValueAndNamesTheGroupWithoutOne()
    {
        MetricResult result = runner(Duration.ofSeconds(30), 100).run(statement(ALL_PROGRAMS));
        assertThat(result.rows()).containsExactly(
                row("Apollo", 600), row("Borealis", 400), row("Cassini", 300), row("Draco", 200), row("(none)", 50));
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void keepsNoMoreRowsThanTheCapAndSaysThereWereMore()
    {
        MetricResult capped = runner(Duration.ofSeconds(30), 3).run(statement(BY_PROGRAM));
        assertThat(capped.rows()).containsExactly(row("Apollo", 600), row("Borealis", 400), row("Cassini", 300));
        assertThat(capped.truncated()).isTrue();
        assertThat(runner(Duration.ofSeconds(30), 3).table(statement(BY_PROGRAM)).truncated()).isTrue();

        // exactly the cap is all of them
        MetricResult exact = runner(Duration.ofSeconds(30), 5).run(statement(BY_PROGRAM));
        assertThat(exact.rows()).hasSize(5);
        assertThat(exact.truncated()).isFalse();
    }

    @Test
    void bindsTheAllowedValuesAsATextArrayForTheAccessFilter()
    {
        CompiledQuery restricted = statement("SELECT program, sum(usd) AS value FROM star.spend WHERE program::text = ANY(?) AND day >= ? GROUP BY program ORDER BY program",
                new String[] {"Apollo", "Draco"}, LocalDate.of(2026, 11, 3));
        assertThat(runner(Duration.ofSeconds(30), 100).run(restricted).rows()).containsExactly(row("Apollo", 100), row("Draco", 200));
    }

    @Test
    void cannotChangeTheData()
    {
        CompiledQuery delete = statement("WITH gone AS (DELETE FROM star.spend RETURNING program) SELECT program, count(*) AS value FROM gone GROUP BY program");
        assertThatThrownBy(() -> runner(Duration.ofSeconds(30), 100).run(delete))
                .isInstanceOf(AskException.class)
                .hasMessageContaining("SQLSTATE 25006");
        assertThat(postgres.query("SELECT count(*) FROM star.spend")).containsExactly("7");
    }

    @Test
    void cancelsAStatementThatRunsPastTheTimeout()
            throws SQLException
    {
        // the table is locked until the statement gives up: it can only end by the timeout, however busy the machine;
        // without one, PostgreSQL ends the locking session after a minute, the statement answers, and the test fails
        try (Connection locker = postgres.connect(); Statement statement = locker.createStatement()) {
            statement.execute("SET idle_in_transaction_session_timeout = '60s'");
            locker.setAutoCommit(false);
            statement.execute("LOCK TABLE star.spend IN ACCESS EXCLUSIVE MODE");
            try {
                assertThatThrownBy(() -> runner(Duration.ofMillis(200), 100).run(statement(BY_PROGRAM)))
                        .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(TIMEOUT))
                        .hasMessageContaining("ai.ask.statement-timeout");
            }
            finally {
                if (!locker.isClosed() && locker.isValid(5)) {
                    locker.rollback();
                }
            }
        }
        // the timeout was the transaction's own: the next statement on the pool's connection runs as usual
        assertThat(runner(Duration.ofSeconds(30), 100).run(statement(BY_PROGRAM)).rows()).hasSize(5);
    }

    @Test
    void aTableKeepsTheDriversTypesAndDescribeDoesNotRunTheStatement()
    {
        CompiledQuery byDay = statement("SELECT day, program, sum(usd) AS value FROM star.spend WHERE program = 'Apollo' GROUP BY day, program ORDER BY day", "day", "program");
        MetricRunner runner = runner(Duration.ofSeconds(30), 100);
        assertThat(runner.table(byDay).rows()).containsExactly(
                List.of(Date.valueOf("2026-11-02"), "Apollo", 500.0),
                List.of(Date.valueOf("2026-11-03"), "Apollo", 100.0));
        assertThat(runner.describe(byDay)).containsExactly(
                new MetricRunner.Column("day", JDBCType.DATE), new MetricRunner.Column("program", JDBCType.VARCHAR), new MetricRunner.Column("value", JDBCType.DOUBLE));
        // describing a statement that would delete leaves the rows alone
        runner.describe(statement("WITH gone AS (DELETE FROM star.spend RETURNING program) SELECT program, count(*) AS value FROM gone GROUP BY program"));
        assertThat(postgres.query("SELECT count(*) FROM star.spend")).containsExactly("7");
    }

    private MetricRunner runner(Duration timeout, int maxRows)
    {
        return new MetricRunner(warehouse, timeout, maxRows);
    }

    private static CompiledQuery statement(String sql, Object... parameters)
    {
        return new CompiledQuery(new MetricQuery(SPEND.name(), List.of("program"), Map.of(), null, null, "desc", null), SPEND, sql, Arrays.asList(parameters), List.of("program"),
                Optional.empty(), LocalDate.of(2026, 11, 25));
    }

    private static CompiledQuery statement(String sql, String firstGroup, String secondGroup)
    {
        return new CompiledQuery(new MetricQuery(SPEND.name(), List.of(firstGroup, secondGroup), Map.of(), null, null, "time", null), SPEND, sql, List.of(), List.of(firstGroup, secondGroup),
                Optional.empty(), LocalDate.of(2026, 11, 25));
    }

    private static MetricResult.Row row(String program, double value)
    {
        return new MetricResult.Row(List.of(program), value);
    }
}
