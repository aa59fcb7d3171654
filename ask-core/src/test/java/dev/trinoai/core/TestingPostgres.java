package dev.trinoai.core;

import dev.trinoai.core.warehouse.WarehouseConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A database of its own for one test class on the real PostgreSQL server named by PGHOST, PGPORT, PGUSER and
 * PGPASSWORD (defaults 127.0.0.1, 5432, postgres), with pgvector and the product's schemas. Dropped on close.
 */
public final class TestingPostgres
        implements AutoCloseable
{
    private static final String HOST = env("PGHOST", "127.0.0.1");
    private static final String PORT = env("PGPORT", "5432");
    private static final String USER = env("PGUSER", "postgres");
    private static final Optional<String> PASSWORD = Optional.ofNullable(System.getenv("PGPASSWORD"));

    private final String database;

    private TestingPostgres(String database)
    {
        this.database = database;
    }

    /**
     * A fresh database with the vector extension and the staging, star and ask schemas.
     */
    public static TestingPostgres create()
    {
        TestingPostgres postgres = createEmpty();
        postgres.execute("CREATE EXTENSION vector", "CREATE SCHEMA staging", "CREATE SCHEMA star", "CREATE SCHEMA ask");
        return postgres;
    }

    /**
     * A fresh database with nothing in it.
     */
    public static TestingPostgres createEmpty()
    {
        String database = "trino_ai_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on PostgreSQL at %s:%s as %s. Run scripts/postgres.sh first, or set PGHOST/PGPORT/PGUSER/PGPASSWORD.".formatted(HOST, PORT, USER), e);
        }
        return new TestingPostgres(database);
    }

    public String database()
    {
        return database;
    }

    public String jdbcUrl()
    {
        return jdbcUrl(database);
    }

    public Optional<String> user()
    {
        return Optional.of(USER);
    }

    public Optional<String> password()
    {
        return PASSWORD;
    }

    public WarehouseConfig warehouseConfig()
    {
        return new WarehouseConfig(jdbcUrl(), user(), password(), "star", "ask", Duration.ofSeconds(5));
    }

    /**
     * A connection with full rights, for setting up what a test needs.
     */
    public Connection connect()
            throws SQLException
    {
        return connect(database);
    }

    public void execute(String... statements)
    {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first column of every row of a query, as text.
     */
    public List<String> query(String sql)
    {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Override
    public void close()
    {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(String database)
            throws SQLException
    {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD.orElse(null));
    }

    private static String jdbcUrl(String database)
    {
        return "jdbc:postgresql://%s:%s/%s".formatted(HOST, PORT, database);
    }

    private static String env(String name, String defaultValue)
    {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
