package dev.trinoai.jobs.ingest;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The data-quality report of an ingest run: over every staging row of each source the run loaded, the flaws that load
 * fine but give wrong answers. An id under two parents (a project under two programs) splits its totals; a value a
 * thousand times its column's median is usually a unit or a decimal-point slip; HTML markup or entities in text show
 * up in answers and citations; a date outside 1950 to fifty years from now is usually a typo. Each is a warning with a
 * count and a few examples, printed in the run's summary and kept in {@code staging.quality_warning}.
 */
final class QualityReport
{
    // id-like columns: the candidates for a child and its parent
    private static final Pattern ID = Pattern.compile(".*(id|_code|_key)");
    // A pair of columns is a hierarchy with flaws, rather than no hierarchy at all, when at most this share of the
    // children has more than one parent.
    private static final double MAX_SHARE_UNDER_TWO_PARENTS = 0.05;
    private static final int FAR_OFF_FACTOR = 1000;
    // A median of fewer values says little about what is normal.
    private static final int MIN_PEERS = 20;
    private static final String MARKUP = "&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});|</?[a-zA-Z][a-zA-Z0-9]*(\\s[^<>]*)?/?>";
    private static final String PLAUSIBLE_FROM = "1950-01-01";
    private static final int PLAUSIBLE_YEARS_AHEAD = 50;
    private static final int EXAMPLES = 3;

    private QualityReport() {}

    static List<QualityWarning> check(Connection connection, SourceMapping mapping)
            throws SQLException
    {
        List<QualityWarning> warnings = new ArrayList<>();
        String table = "staging." + mapping.stagingTable();
        List<ColumnMapping> ids = mapping.columns().stream()
                .filter(column -> (ID.matcher(column.name()).matches() || column.references().isPresent())
                        && Set.of(ColumnType.TEXT, ColumnType.INTEGER, ColumnType.BIGINT).contains(column.type()))
                .toList();
        for (ColumnMapping child : ids) {
            if (mapping.key().equals(List.of(child.name()))) {
                continue;
            }
            for (ColumnMapping parent : ids) {
                if (parent != child) {
                    twoParents(connection, mapping, table, child.name(), parent.name()).ifPresent(warnings::add);
                }
            }
        }
        for (ColumnMapping column : mapping.columns()) {
            switch (column.type()) {
                case DECIMAL, DOUBLE, INTEGER, BIGINT -> {
                    if (!ids.contains(column)) {
                        farOffPeers(connection, mapping, table, column.name()).ifPresent(warnings::add);
                    }
                }
                case TEXT -> markup(connection, mapping, table, column.name()).ifPresent(warnings::add);
                case DATE, TIMESTAMP -> implausibleDates(connection, mapping, table, column.name()).ifPresent(warnings::add);
                case BOOLEAN -> {}
            }
        }
        return warnings;
    }

    private static Optional<QualityWarning> twoParents(Connection connection, SourceMapping mapping, String table, String child, String parent)
            throws SQLException
    {
        String sql = """
                WITH g AS (
                    SELECT %1$s AS child, count(DISTINCT %2$s) AS parents, string_agg(DISTINCT %2$s::text, ', ') AS names, min(source_file || ':' || source_line) AS at
                    FROM %3$s WHERE %1$s IS NOT NULL AND %2$s IS NOT NULL GROUP BY %1$s)
                SELECT count(*) FILTER (WHERE parents > 1), count(*), (SELECT count(DISTINCT %2$s) FROM %3$s),
                       (array_agg(child::text || ' under ' || names || ' (' || at || ')' ORDER BY child::text) FILTER (WHERE parents > 1))[1:%4$d]
                FROM g
                """.formatted(child, parent, table, EXAMPLES);
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            long flawed = rs.getLong(1);
            long children = rs.getLong(2);
            long parents = rs.getLong(3);
            if (flawed == 0 || parents >= children || flawed > children * MAX_SHARE_UNDER_TWO_PARENTS) {
                return Optional.empty();
            }
            return Optional.of(new QualityWarning(mapping.source(), "two_parents", "%s under %s".formatted(child, parent), flawed, examples(rs, 4)));
        }
    }

    private static Optional<QualityWarning> farOffPeers(Connection connection, SourceMapping mapping, String table, String column)
            throws SQLException
    {
        String groups = mapping.peers().stream().map(peer -> ", " + peer).collect(Collectors.joining());
        String samePeers = mapping.peers().stream().map(peer -> " AND p.%1$s IS NOT DISTINCT FROM r.%1$s".formatted(peer)).collect(Collectors.joining());
        String sql = """
                WITH peers AS (
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(%1$s)) AS median, count(*) AS n %6$s FROM %2$s WHERE %1$s <> 0 GROUP BY () %6$s)
                SELECT count(*), (array_agg(r.%1$s::text || ' (' || r.source_file || ':' || r.source_line || ')' ORDER BY abs(r.%1$s) DESC))[1:%4$d], min(p.median)
                FROM %2$s r JOIN peers p ON true %7$s
                WHERE p.n >= %5$d AND p.median > 0 AND (abs(r.%1$s) >= p.median * %3$d OR (r.%1$s <> 0 AND abs(r.%1$s) * %3$d <= p.median))
                """.formatted(column, table, FAR_OFF_FACTOR, EXAMPLES, MIN_PEERS, groups, samePeers);
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            long count = rs.getLong(1);
            if (count == 0) {
                return Optional.empty();
            }
            return Optional.of(new QualityWarning(mapping.source(), "far_off_peers", "%s (%dx from the median %s of its peers%s)".formatted(column, FAR_OFF_FACTOR, rs.getBigDecimal(3).stripTrailingZeros().toPlainString(),
                            mapping.peers().isEmpty() ? "" : " by " + String.join(", ", mapping.peers())),
                    count, examples(rs, 2)));
        }
    }

    private static Optional<QualityWarning> markup(Connection connection, SourceMapping mapping, String table, String column)
            throws SQLException
    {
        return rows(connection, mapping, "markup", column, """
                SELECT count(*), (array_agg(left(%1$s, 80) || ' (' || source_file || ':' || source_line || ')' ORDER BY source_file, source_line))[1:%3$d]
                FROM %2$s WHERE %1$s ~ ?
                """.formatted(column, table, EXAMPLES), MARKUP);
    }

    private static Optional<QualityWarning> implausibleDates(Connection connection, SourceMapping mapping, String table, String column)
            throws SQLException
    {
        return rows(connection, mapping, "implausible_date", column, """
                SELECT count(*), (array_agg(%1$s::text || ' (' || source_file || ':' || source_line || ')' ORDER BY %1$s))[1:%3$d]
                FROM %2$s WHERE %1$s < ?::date OR %1$s > current_date + interval '%4$d years'
                """.formatted(column, table, EXAMPLES, PLAUSIBLE_YEARS_AHEAD), PLAUSIBLE_FROM);
    }

    private static Optional<QualityWarning> rows(Connection connection, SourceMapping mapping, String check, String column, String sql, String parameter)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                long count = rs.getLong(1);
                return count == 0 ? Optional.empty() : Optional.of(new QualityWarning(mapping.source(), check, column, count, examples(rs, 2)));
            }
        }
    }

    private static List<String> examples(ResultSet rs, int column)
            throws SQLException
    {
        Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /**
     * Keeps the warnings of a run where the operator can query them.
     */
    static void store(Connection connection, long runId, List<QualityWarning> warnings)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO staging.quality_warning (run_id, source, check_name, subject, count, examples) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (QualityWarning warning : warnings) {
                statement.setLong(1, runId);
                statement.setString(2, warning.source());
                statement.setString(3, warning.check());
                statement.setString(4, warning.subject());
                statement.setLong(5, warning.count());
                statement.setArray(6, connection.createArrayOf("text", warning.examples().toArray()));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
