package dev.trinoai.proxy;

import io.trino.jdbc.QueryStats;
import io.trino.jdbc.TrinoStatement;

import java.io.IOException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * One question run through Trino's JDBC driver as the asking user, so Trino's access control and query history see
 * that user. {@link #cancel()} may be called from any thread, at any time, also before Trino has answered.
 */
public final class AskQuery
        implements AutoCloseable
{
    private final Connection connection;
    private final PreparedStatement statement;
    private final AtomicReference<String> queryId = new AtomicReference<>();

    public interface RowSink
    {
        void accept(AnswerRow row)
                throws IOException;
    }

    private AskQuery(Connection connection, PreparedStatement statement)
            throws SQLException
    {
        this.connection = requireNonNull(connection, "connection is null");
        this.statement = requireNonNull(statement, "statement is null");
        statement.unwrap(TrinoStatement.class).setProgressMonitor(this::progress);
    }

    /**
     * @param driver Trino's driver, which is thread-safe and shares its HTTP client across connections
     */
    public static AskQuery prepare(Driver driver, ProxyConfig config, String user, Question question)
            throws SQLException
    {
        Properties properties = new Properties();
        // The token's user and nothing else: no header, query parameter or body field of the request reaches the
        // driver, and the URL is the configured one, so a client cannot choose whom Trino's access control sees.
        // With the proxy's own login, it authenticates as that principal and the token's user is the session user.
        requireNonNull(user, "user is null");
        config.trinoLogin().ifPresentOrElse(
                login -> {
                    properties.setProperty("user", login.user());
                    properties.setProperty("password", login.password());
                    properties.setProperty("sessionUser", user);
                },
                () -> properties.setProperty("user", user));
        if (config.isHttps()) {
            properties.setProperty("SSL", "true");
            config.trinoLogin().flatMap(ProxyConfig.TrinoLogin::truststore).ifPresent(path -> properties.setProperty("SSLTrustStorePath", path.toString()));
        }
        properties.setProperty("source", "trino-ai-sse-proxy");
        // One round trip (EXECUTE IMMEDIATE) instead of PREPARE then EXECUTE: it shows in the time to the first row.
        properties.setProperty("explicitPrepare", "false");
        Connection connection = driver.connect(config.jdbcUrl(), properties);
        try {
            // The driver retries a Trino that answers 503 (starting or restarting) or not at all for this long; its
            // "timeout" URL property does not reach the statement client, the network timeout does.
            connection.setNetworkTimeout(Runnable::run, Math.toIntExact(config.trinoRequestTimeout().toMillis()));
            // One parameter per earlier question: the driver's setArray is not supported.
            String previous = question.previous().isEmpty() ? "" : ", previous => ARRAY[%s]".formatted(String.join(", ", Collections.nCopies(question.previous().size(), "?")));
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT kind, seq, text, metric, value, unit, dimensions, source, score, higher_is_better FROM TABLE(%s.system.ask(question => ?%s))".formatted(config.catalog(), previous));
            statement.setString(1, question.text());
            for (int i = 0; i < question.previous().size(); i++) {
                statement.setString(i + 2, question.previous().get(i));
            }
            statement.setQueryTimeout(Math.toIntExact(Math.max(1, config.askTimeout().toSeconds())));
            return new AskQuery(connection, statement);
        }
        catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Runs the question and hands each row to the sink as soon as the driver has it. A sink that fails (the client
     * has gone) cancels the query.
     *
     * @return the number of rows
     */
    public int stream(RowSink sink)
            throws SQLException, IOException
    {
        int rows = 0;
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows++;
                try {
                    sink.accept(AnswerRow.read(result));
                }
                catch (IOException e) {
                    cancel();
                    throw e;
                }
            }
        }
        return rows;
    }

    /**
     * Asks Trino to cancel the query; it then fails with USER_CANCELED.
     */
    public void cancel()
    {
        try {
            statement.cancel();
        }
        catch (SQLException | RuntimeException _) {
            // Already finished or closed: nothing left to cancel.
        }
    }

    public Optional<String> queryId()
    {
        return Optional.ofNullable(queryId.get());
    }

    /**
     * Trino's name for a failed query's error code, such as INVALID_FUNCTION_ARGUMENT: the driver reports only the
     * number, so it is looked up in the query history, as the same user. Empty when Trino answers the lookup with
     * a failure of its own.
     *
     * @throws SQLException when Trino does not answer the lookup
     */
    public Optional<String> errorName()
            throws SQLException
    {
        Optional<String> id = queryId();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement lookup = connection.prepareStatement("SELECT error_code FROM system.runtime.queries WHERE query_id = ?")) {
            lookup.setString(1, id.get());
            lookup.setQueryTimeout(5);
            try (ResultSet result = lookup.executeQuery()) {
                return result.next() ? Optional.ofNullable(result.getString(1)) : Optional.empty();
            }
        }
        catch (SQLException e) {
            // The driver's own failures (Trino unreachable) have no error code.
            if (e.getErrorCode() == 0) {
                throw e;
            }
            return Optional.empty();
        }
    }

    @Override
    public void close()
    {
        try (connection; statement) {
            // closes both, the statement first
        }
        catch (SQLException _) {
            // Closing only tells Trino that the client is done; the answer has been sent, or the query has failed.
        }
    }

    private void progress(QueryStats stats)
    {
        queryId.compareAndSet(null, stats.getQueryId());
    }
}
