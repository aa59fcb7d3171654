package dev.trinoai.connector;

import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * What a BI tool does over the Trino JDBC driver, against a query runner's HTTP server: it discovers the metrics as
 * tables, probes a query's columns as Tableau does, and runs Superset's virtual-table query with a GROUP BY, a filter
 * and a truncation of {@code month}. Every number is the one SQL written by hand over PostgreSQL gives, and the one
 * {@code ask()} answers for the same question.
 */
@TestInstance(PER_CLASS)
final class TestBiToolsOverJdbc
        extends AbstractSampleQueryTest
{
    private Connection connection;

    @BeforeAll
    void connect()
            throws SQLException
    {
        URI server = ((DistributedQueryRunner) getQueryRunner()).getCoordinator().getBaseUrl();
        Properties properties = new Properties();
        properties.setProperty("user", "bi");
        connection = DriverManager.getConnection("jdbc:trino://%s:%d/ai/metrics".formatted(server.getHost(), server.getPort()), properties);
    }

    @AfterAll
    void disconnect()
            throws SQLException
    {
        connection.close();
    }

    @Test
    void theMetricsAreTablesWithTypedDescribedColumns()
            throws SQLException
    {
        DatabaseMetaData metadata = connection.getMetaData();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = metadata.getTables("ai", "metrics", null, new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        assertThat(tables).contains("budget_variance_pct", "velocity", "mttr", "actual_spend");
        // Trino's system.jdbc.tables gives no table REMARKS; a tool reads a table's comment from Trino's metadata
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT comment FROM system.metadata.table_comments WHERE catalog_name = 'ai' AND schema_name = 'metrics' AND table_name = 'budget_variance_pct'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("Budget variance as a percentage of the plan to date");
        }

        Map<String, Integer> types = new LinkedHashMap<>();
        Map<String, String> remarks = new LinkedHashMap<>();
        try (ResultSet rs = metadata.getColumns("ai", "metrics", "budget_variance_pct", null)) {
            while (rs.next()) {
                types.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
                remarks.put(rs.getString("COLUMN_NAME"), rs.getString("REMARKS"));
            }
        }
        assertThat(types).containsEntry("program", Types.VARCHAR)
                .containsEntry("day", Types.DATE)
                .containsEntry("month", Types.DATE)
                .containsEntry("quarter", Types.DATE)
                .containsEntry("fiscal_quarter", Types.VARCHAR)
                .containsEntry("fiscal_year", Types.INTEGER)
                .containsEntry("unit", Types.VARCHAR)
                .containsEntry("value", Types.DOUBLE);
        assertThat(remarks.get("month")).isEqualTo("The first day of the month.");
        assertThat(remarks.get("value")).startsWith("The budget variance % at the row's grain, in %.");

        try (ResultSet rs = metadata.getTables("ai", "model", null, null)) {
            List<String> model = new ArrayList<>();
            while (rs.next()) {
                model.add(rs.getString("TABLE_NAME"));
            }
            assertThat(model).containsExactlyInAnyOrder("metrics", "dimensions", "verified_questions");
        }
    }

    @Test
    void tableausProbeReturnsTheColumnsAndNoRow()
            throws SQLException
    {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT * FROM (SELECT program, month, value FROM ai.metrics.budget_variance_pct) \"Custom SQL Query\" WHERE 1 = 0")) {
            ResultSetMetaData columns = rs.getMetaData();
            assertThat(columns.getColumnCount()).isEqualTo(3);
            assertThat(List.of(columns.getColumnType(1), columns.getColumnType(2), columns.getColumnType(3))).containsExactly(Types.VARCHAR, Types.DATE, Types.DOUBLE);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void supersetsVirtualTableGroupsFiltersAndTruncatesMonth()
            throws SQLException
    {
        // as Superset writes it for a time series chart of SUM(value) by program, month grain, over 2026-Q3
        String superset = """
                SELECT date_trunc('%s', CAST(month AS TIMESTAMP)) AS month, program AS program, sum(value) AS "SUM(value)"
                FROM (SELECT * FROM ai.metrics.budget_variance_pct) AS virtual_table
                WHERE month >= TIMESTAMP '2026-07-01 00:00:00' AND month < TIMESTAMP '2026-10-01 00:00:00' AND program IN ('Apollo', 'Falcon', 'Horizon')
                GROUP BY date_trunc('%s', CAST(month AS TIMESTAMP)), program
                ORDER BY "SUM(value)" DESC
                LIMIT 10000
                """;
        Map<String, Double> byMonth = rows(superset.formatted("month", "month"));
        Map<String, Double> expected = warehouse.numbers("""
                SELECT d.date::text || ' ' || pg.name, 100.0 * (sum(f.actual_usd) / NULLIF(sum(f.planned_usd) FILTER (WHERE f.actual_usd IS NOT NULL), 0) - 1)
                FROM star.fact_budget f
                JOIN star.dim_project pj ON pj.project_key = f.project_key
                JOIN star.dim_program pg ON pg.program_key = pj.program_key
                JOIN star.dim_date d ON d.date_key = f.month_key
                WHERE f.month_key BETWEEN 20260701 AND 20260930 AND pg.name IN ('Apollo', 'Falcon', 'Horizon')
                GROUP BY 1
                """);
        assertThat(byMonth).hasSize(9);
        assertThat(byMonth.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, value) -> assertThat(byMonth.get(key)).as(key).isCloseTo(value, within(1e-9)));

        // the same chart at quarter grain is the question asked in words
        Map<String, Double> byQuarter = rows(superset.formatted("quarter", "quarter"));
        Map<String, Double> handWritten = warehouse.numbers(TestMetricTables.VARIANCE_BY_PROGRAM_2026_Q3);
        Map<String, Double> asked = asked("budget variance % by program in 2026-Q3");
        for (String program : List.of("Apollo", "Falcon", "Horizon")) {
            double value = byQuarter.get("2026-07-01 " + program);
            assertThat(value).as(program).isCloseTo(handWritten.get(program), within(1e-9));
            assertThat(value).as(program).isCloseTo(asked.get(program), within(1e-9));
        }
    }

    @Test
    void explainShowsNoFactRowReachesTrino()
            throws SQLException
    {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        EXPLAIN SELECT date_trunc('month', CAST(month AS TIMESTAMP)) AS month, program, sum(value)
                        FROM (SELECT * FROM ai.metrics.budget_variance_pct) AS virtual_table
                        WHERE month >= TIMESTAMP '2026-07-01 00:00:00' AND month < TIMESTAMP '2026-10-01 00:00:00' AND program IN ('Apollo', 'Falcon')
                        GROUP BY 1, 2
                        """)) {
            assertThat(rs.next()).isTrue();
            String plan = rs.getString(1);
            // Superset's month is the month as a timestamp: a column of the scan, as the program is
            assertThat(plan).containsPattern("metrics\\.budget_variance_pct grouped by \\[(program, month as timestamp\\(3\\)|month as timestamp\\(3\\), program)] filtered by \\[program] from 2026-07-01 to 2026-09-30");
            assertThat(plan).doesNotContain("Aggregate");
        }
    }

    private Map<String, Double> rows(String sql)
            throws SQLException
    {
        Map<String, Double> rows = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.TIMESTAMP);
            while (rs.next()) {
                Timestamp month = rs.getTimestamp(1);
                rows.put(month.toLocalDateTime().toLocalDate() + " " + rs.getString(2), rs.getDouble(3));
            }
        }
        return rows;
    }

    /**
     * The numbers of ask()'s answer, by the program they are about.
     */
    private Map<String, Double> asked(String question)
    {
        Map<String, Double> numbers = new LinkedHashMap<>();
        for (MaterializedRow row : computeActual("SELECT json_extract_scalar(dimensions, '$.program'), value FROM TABLE(ai.system.ask(question => '%s')) WHERE kind = 'number'".formatted(question)).getMaterializedRows()) {
            numbers.put((String) row.getField(0), (Double) row.getField(1));
        }
        return numbers;
    }
}
