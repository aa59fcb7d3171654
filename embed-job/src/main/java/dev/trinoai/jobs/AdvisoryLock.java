package dev.trinoai.jobs;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A PostgreSQL session-level advisory lock, held while a job runs so that two runs of it (a schedule overlapping a
 * manual run) never work on the same rows at once. Released on close, or by the server when the session ends.
 */
public final class AdvisoryLock
        implements AutoCloseable
{
    private final Connection connection;
    private final long id;

    private AdvisoryLock(Connection connection, long id)
    {
        this.connection = requireNonNull(connection, "connection is null");
        this.id = id;
    }

    /**
     * The lock, or empty at once when another session holds it.
     */
    public static Optional<AdvisoryLock> tryAcquire(Connection connection, long id)
            throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_lock(" + id + ")")) {
            rs.next();
            return rs.getBoolean(1) ? Optional.of(new AdvisoryLock(connection, id)) : Optional.empty();
        }
    }

    /**
     * Marks failed the runs in a job's run table that are still marked running. Holding the lock proves that no other
     * run is under way, so such a run stopped before it could record its end: its connection was lost, or its process
     * died. This run resumes its work.
     */
    public void closeAbandonedRuns(String runTable)
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE %s SET status = 'failed', error = 'stopped before it finished (its connection to the database was lost, or its process ended); a later run resumed its work' WHERE status = 'running'"
                    .formatted(runTable));
        }
    }

    @Override
    public void close()
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + id + ")");
        }
    }
}
