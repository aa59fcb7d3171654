package dev.trinoai.jobs.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static dev.trinoai.jobs.SqlScripts.execute;
import static dev.trinoai.jobs.SqlScripts.resource;

/**
 * The days of {@code star.dim_date}: 2010-2035 at first, then whole years more, before or after, as soon as a source
 * has a date outside them, so a transform can key any of its dates to the calendar.
 */
final class Calendar
{
    static final LocalDate FIRST_DAY = LocalDate.of(2010, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2035, 12, 31);
    // A date outside these is a typo (0201 for 2021) that the data-quality report names; a calendar stretched to it
    // would hold millions of days.
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

    private static final String FILL = resource(Calendar.class, "calendar.sql");
    private static final String FISCAL_CALENDAR = resource(Calendar.class, "fiscal-calendar.sql");

    private Calendar() {}

    /**
     * Creates the view {@code star.fiscal_calendar} if it is not there, readable by the product's roles.
     */
    static void createFiscalCalendar(Connection connection)
            throws SQLException
    {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_views WHERE schemaname = 'star' AND viewname = 'fiscal_calendar')")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
        }
        execute(connection, FISCAL_CALENDAR);
        execute(connection, StarTables.grants("fiscal_calendar"));
    }

    /**
     * Extends the calendar to every whole year from {@code first} to {@code last}, within 1900-2199.
     */
    static void cover(Connection connection, LocalDate first, LocalDate last)
            throws SQLException
    {
        LocalDate from = max(EARLIEST, first.withDayOfYear(1));
        LocalDate to = min(LATEST, last.withMonth(12).withDayOfMonth(31));
        if (from.isAfter(to)) {
            return;
        }
        Optional<LocalDate[]> current = range(connection);
        if (current.isEmpty()) {
            fill(connection, from, to);
            return;
        }
        if (from.isBefore(current.get()[0])) {
            fill(connection, from, current.get()[0].minusDays(1));
        }
        if (to.isAfter(current.get()[1])) {
            fill(connection, current.get()[1].plusDays(1), to);
        }
    }

    /**
     * Extends the calendar to the dates of the staging rows of one load.
     */
    static void coverLoad(Connection connection, SourceMapping mapping, long loadId)
            throws SQLException
    {
        List<String> dates = mapping.columns().stream()
                .filter(column -> column.type() == ColumnType.DATE || column.type() == ColumnType.TIMESTAMP)
                .map(column -> column.type() == ColumnType.DATE ? column.name() : "(%s AT TIME ZONE 'UTC')::date".formatted(column.name()))
                .toList();
        if (dates.isEmpty()) {
            return;
        }
        String all = String.join(", ", dates);
        try (PreparedStatement statement = connection.prepareStatement("SELECT min(least(%1$s)), max(greatest(%1$s)) FROM staging.%2$s WHERE load_id = ?"
                .formatted(all, mapping.stagingTable()))) {
            statement.setLong(1, loadId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                LocalDate first = rs.getObject(1, LocalDate.class);
                if (first != null) {
                    cover(connection, first, rs.getObject(2, LocalDate.class));
                }
            }
        }
    }

    private static Optional<LocalDate[]> range(Connection connection)
            throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT min(date), max(date) FROM star.dim_date")) {
            rs.next();
            LocalDate first = rs.getObject(1, LocalDate.class);
            return first == null ? Optional.empty() : Optional.of(new LocalDate[] {first, rs.getObject(2, LocalDate.class)});
        }
    }

    private static void fill(Connection connection, LocalDate from, LocalDate to)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement(FILL)) {
            statement.setObject(1, from);
            statement.setObject(2, to);
            statement.executeUpdate();
        }
    }

    private static LocalDate max(LocalDate a, LocalDate b)
    {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b)
    {
        return a.isBefore(b) ? a : b;
    }
}
