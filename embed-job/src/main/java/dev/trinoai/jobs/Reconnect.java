package dev.trinoai.jobs;

import dev.trinoai.core.remote.Backoff;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a job rides out PostgreSQL going away under it (a restart, a fail-over, a connection cut): the run starts again
 * on a new connection, up to {@code attempts} times in all, after {@code delay} and twice as long before each further
 * attempt. Starting again is safe because each job commits its work in units it recognises as done on the next
 * attempt (a file with its checksum, a batch of chunks with their hashes): what the server rolled back with the lost
 * session is done again, what was committed is skipped.
 */
public record Reconnect(int attempts, Duration delay)
{
    /**
     * Enough for a restart (about 15 s in all), short enough that an outage fails the run and says so.
     */
    public static final Reconnect DEFAULT = new Reconnect(5, Duration.ofSeconds(1));
    public static final Reconnect NEVER = new Reconnect(1, Duration.ZERO);

    public Reconnect
    {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        requireNonNull(delay, "delay is null");
    }

    public interface Attempt<T, X extends Exception>
    {
        T run(Connection connection)
                throws SQLException, X;
    }

    /**
     * The attempt's result, on a connection to the database; when the connection is lost on the last attempt, an
     * error that says where the database is and that a new run resumes. Any other failure is the attempt's own.
     */
    public <T, X extends Exception> T run(String job, JobDatabase database, PrintStream progress, Attempt<T, X> attempt)
            throws SQLException, X
    {
        Duration wait = delay;
        boolean connected = false;
        for (int number = 1; ; number++) {
            try (Connection connection = database.connect()) {
                connected = true;
                return attempt.run(connection);
            }
            catch (SQLException | RuntimeException e) {
                Optional<SQLException> lost = lostConnection(e);
                // a database out of reach from the start is down or misnamed, not restarting: the run fails at once
                if (lost.isEmpty() || !connected) {
                    throw e;
                }
                String cause = "SQLSTATE %s: %s".formatted(lost.get().getSQLState(), firstLine(lost.get().getMessage()));
                if (number >= attempts) {
                    throw new SQLException("%s lost its connection to PostgreSQL at %s (%s)%s; what it committed is kept: run it again and it resumes where it stopped (with --every, the next run does)"
                            .formatted(job, database.displayUrl(), cause, attempts == 1 ? "" : " and could not get it back in %d attempts".formatted(attempts)),
                            lost.get().getSQLState(), e);
                }
                progress.printf(Locale.ROOT, "%s lost its connection to PostgreSQL at %s (%s); what it committed is kept, reconnecting in %.1f s (attempt %d of %d)%n",
                        job, database.displayUrl(), cause, wait.toMillis() / 1000.0, number + 1, attempts);
                Backoff.sleep(wait, interrupted -> new IllegalStateException("interrupted while waiting to reconnect to PostgreSQL", interrupted));
                wait = wait.multipliedBy(2);
            }
        }
    }

    /**
     * The error among a failure's causes that says the session is gone: a connection exception (SQLSTATE class 08) or
     * the server shutting down or starting up (57P01 to 57P03). After one of these the server has rolled back the
     * session's transaction and released its advisory locks. The innermost such error is the one that says what
     * happened; a batch wraps it in one that quotes the statement, with the values of the rows.
     */
    public static Optional<SQLException> lostConnection(Throwable failure)
    {
        Optional<SQLException> lost = Optional.empty();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException e && e.getSQLState() != null && (e.getSQLState().startsWith("08") || e.getSQLState().matches("57P0[123]"))) {
                lost = Optional.of(e);
            }
        }
        return lost;
    }

    private static String firstLine(String message)
    {
        return message == null ? "no message" : message.lines().findFirst().orElse("").strip();
    }
}
