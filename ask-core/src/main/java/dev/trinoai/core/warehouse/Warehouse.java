package dev.trinoai.core.warehouse;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.trinoai.core.AskException;
import dev.trinoai.core.AskFailure;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.trinoai.core.AskFailure.DATABASE_NOT_READY;
import static dev.trinoai.core.AskFailure.DATABASE_UNAVAILABLE;
import static dev.trinoai.core.AskFailure.TIMEOUT;
import static java.util.Objects.requireNonNull;

/**
 * The PostgreSQL database that holds the star schema and the vectors, seen read-only through a small pool that holds
 * no connection while idle.
 */
public final class Warehouse
        implements AutoCloseable
{
    private static final String SETUP_HINT = "Run scripts/postgres.sh (or the README's first command) against this database.";
    private static final int DEFAULT_MAX_CONNECTIONS = 8;

    private final WarehouseConfig config;
    private final int maxConnections;
    private final DatabaseLogins logins;
    private HikariDataSource pool;

    public Warehouse(WarehouseConfig config)
    {
        this(config, DEFAULT_MAX_CONNECTIONS);
    }

    public Warehouse(WarehouseConfig config, int maxConnections)
    {
        this.config = requireNonNull(config, "config is null");
        this.maxConnections = maxConnections;
        this.logins = config.passwordSecret()
                .<DatabaseLogins>map(secret -> SecretsManagerLogins.create(secret, config.user(), UnaryOperator.identity()))
                .orElseGet(() -> DatabaseLogins.fixed(new DatabaseLogin(config.user(), config.password())));
    }

    public WarehouseConfig config()
    {
        return config;
    }

    /**
     * A pooled connection whose every transaction is read-only, whatever the statement asks for; close it to return it.
     */
    public Connection openReadOnly()
    {
        if (!config.jdbcUrl().startsWith("jdbc:postgresql:")) {
            throw new AskException(DATABASE_UNAVAILABLE, "ai.postgres.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), not '%s'".formatted(config.jdbcUrl()));
        }
        // Reads the secret (once) before waiting on the pool, so a missing secret fails at once with its own message.
        logins.current();
        try {
            return pool().getConnection();
        }
        catch (SQLException e) {
            throw translate(e);
        }
    }

    @Override
    public synchronized void close()
    {
        if (pool != null) {
            pool.close();
            pool = null;
        }
        logins.close();
    }

    // Created on first use, so a catalog starts while its database is down and recovers when it comes back.
    private synchronized HikariDataSource pool()
    {
        if (pool == null) {
            LoginDataSource dataSource = new LoginDataSource(logins);
            dataSource.setURL(config.jdbcUrl());
            dataSource.setApplicationName("trino-ai");
            dataSource.setReadOnly(true);
            dataSource.setReadOnlyMode("always");
            int seconds = (int) Math.max(1, config.connectTimeout().toSeconds());
            dataSource.setConnectTimeout(seconds);
            dataSource.setLoginTimeout(seconds);

            HikariConfig hikari = new HikariConfig();
            hikari.setDataSource(dataSource);
            hikari.setPoolName("trino-ai");
            hikari.setReadOnly(true);
            hikari.setMinimumIdle(0);
            hikari.setMaximumPoolSize(maxConnections);
            hikari.setIdleTimeout(Duration.ofMinutes(1).toMillis());
            hikari.setConnectionTimeout(Math.max(250, config.connectTimeout().toMillis()));
            hikari.setInitializationFailTimeout(-1);
            pool = new HikariDataSource(hikari);
        }
        return pool;
    }

    /**
     * Checks that the database has pgvector and the product's schemas, and says which server it is.
     */
    public WarehouseStatus status()
    {
        try (Connection connection = openReadOnly();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT current_setting('server_version'),
                               (SELECT extversion FROM pg_extension WHERE extname = 'vector'),
                               ARRAY(SELECT nspname::text FROM pg_namespace)
                        """)) {
            rs.next();
            String serverVersion = rs.getString(1);
            String pgvectorVersion = rs.getString(2);
            Array array = rs.getArray(3);
            List<String> schemas = Arrays.asList((String[]) array.getArray());
            if (pgvectorVersion == null) {
                throw new AskException(DATABASE_NOT_READY, "The database at %s has no pgvector extension. %s".formatted(config.jdbcUrl(), SETUP_HINT));
            }
            List<String> missing = List.of(config.starSchema(), config.askSchema()).stream()
                    .filter(schema -> !schemas.contains(schema))
                    .toList();
            if (!missing.isEmpty()) {
                throw new AskException(DATABASE_NOT_READY, "The database at %s lacks the schema(s) %s. %s".formatted(config.jdbcUrl(), String.join(", ", missing), SETUP_HINT));
            }
            return new WarehouseStatus(serverVersion, pgvectorVersion);
        }
        catch (SQLException e) {
            throw translate(e);
        }
    }

    public AskException translate(SQLException e)
    {
        if (e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException cause) {
            return translate(cause);
        }
        if (e instanceof SQLTransientConnectionException && e.getCause() instanceof AskException cause) {
            // the secret could not be read again after PostgreSQL refused the login
            return cause;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        // no SQLSTATE: the pool or the driver lost the connection itself, e.g. while the server restarts
        if (state.startsWith("08") || state.isEmpty()) {
            return new AskException(DATABASE_UNAVAILABLE, "Cannot reach PostgreSQL at %s: %s. Start the server, or fix ai.postgres.url in the catalog file.".formatted(config.jdbcUrl(), e.getMessage()), e);
        }
        if (state.startsWith("28")) {
            return new AskException(DATABASE_UNAVAILABLE, "PostgreSQL at %s refused the login of user '%s'. %s".formatted(config.jdbcUrl(), logins.current().user().orElse("<none>"), logins.whatToFix()), e);
        }
        if (state.equals("57014")) {
            return new AskException(TIMEOUT, "The statement ran longer than the statement timeout (ai.ask.statement-timeout) and was cancelled. Ask about a shorter period or fewer groups, or raise the timeout.", e);
        }
        if (state.equals("42P01") || state.equals("3F000")) {
            return new AskException(DATABASE_NOT_READY, "A table the semantic model names is missing at %s: %s. Run the ingest job (./dev ingest) to create and load the star schema.".formatted(config.jdbcUrl(), e.getMessage()), e);
        }
        if (state.equals("42703") || state.equals("42883") || state.equals("42601")) {
            return new AskException(DATABASE_NOT_READY, "The semantic model does not match the database at %s: %s. Fix the metric or dimension in semantic-model.yaml.".formatted(config.jdbcUrl(), e.getMessage()), e);
        }
        if (state.equals("3D000")) {
            return new AskException(DATABASE_NOT_READY, "The database named in %s does not exist. %s".formatted(config.jdbcUrl(), SETUP_HINT), e);
        }
        return new AskException(DATABASE_UNAVAILABLE, "PostgreSQL at %s failed (SQLSTATE %s): %s".formatted(config.jdbcUrl(), state, e.getMessage()), e);
    }
}
