package dev.trinoai.core;

import org.postgresql.Driver;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static dev.trinoai.core.AskFailure.DATABASE_NOT_READY;
import static dev.trinoai.core.AskFailure.DATABASE_UNAVAILABLE;
import static java.util.Objects.requireNonNull;

/**
 * The PostgreSQL database that holds the star schema and the vectors, seen read-only.
 */
public final class Warehouse
{
    private static final String SETUP_HINT = "Run scripts/postgres.sh (or the README's first command) against this database.";

    private final WarehouseConfig config;
    // The driver is used directly rather than through DriverManager, which cannot see classes of a plugin class loader.
    private final Driver driver = new Driver();

    public Warehouse(WarehouseConfig config)
    {
        this.config = requireNonNull(config, "config is null");
    }

    public WarehouseConfig config()
    {
        return config;
    }

    /**
     * A connection whose every transaction is read-only, whatever the statement asks for.
     */
    public Connection openReadOnly()
    {
        Properties properties = new Properties();
        config.user().ifPresent(user -> properties.setProperty("user", user));
        config.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", "trino-ai");
        properties.setProperty("readOnly", "true");
        properties.setProperty("readOnlyMode", "always");
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, config.connectTimeout().toSeconds())));
        properties.setProperty("loginTimeout", Long.toString(Math.max(1, config.connectTimeout().toSeconds())));
        try {
            Connection connection = driver.connect(config.jdbcUrl(), properties);
            if (connection == null) {
                throw new AskException(DATABASE_UNAVAILABLE, "ai.postgres.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), not '%s'".formatted(config.jdbcUrl()));
            }
            return connection;
        }
        catch (SQLException e) {
            throw translate(e);
        }
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
            List<String> missing = List.of(config.stagingSchema(), config.starSchema(), config.askSchema()).stream()
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

    private AskException translate(SQLException e)
    {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String user = config.user().orElse("<none>");
        if (state.startsWith("08")) {
            return new AskException(DATABASE_UNAVAILABLE, "Cannot reach PostgreSQL at %s: %s. Start the server, or fix ai.postgres.url in the catalog file.".formatted(config.jdbcUrl(), e.getMessage()), e);
        }
        if (state.startsWith("28")) {
            return new AskException(DATABASE_UNAVAILABLE, "PostgreSQL at %s refused the login of user '%s'. Fix ai.postgres.user and ai.postgres.password in the catalog file.".formatted(config.jdbcUrl(), user), e);
        }
        if (state.equals("3D000")) {
            return new AskException(DATABASE_NOT_READY, "The database named in %s does not exist. %s".formatted(config.jdbcUrl(), SETUP_HINT), e);
        }
        return new AskException(DATABASE_UNAVAILABLE, "PostgreSQL at %s failed (SQLSTATE %s): %s".formatted(config.jdbcUrl(), state, e.getMessage()), e);
    }
}
