package dev.trinoai.jobs;

import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The PostgreSQL database the jobs write to. Named by the same variables as the catalog file
 * (AI_POSTGRES_URL, AI_POSTGRES_USER, AI_POSTGRES_PASSWORD), so one environment serves Trino and the jobs.
 */
public record JobDatabase(String url, Optional<String> user, Optional<String> password)
{
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");

    public JobDatabase
    {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }

    public static JobDatabase fromEnvironment(Map<String, String> environment)
    {
        String url = environment.get("AI_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("AI_POSTGRES_URL is not set: set it to the JDBC URL of the database, e.g. jdbc:postgresql://127.0.0.1:5432/trino_ai (AI_POSTGRES_USER and AI_POSTGRES_PASSWORD as needed)");
        }
        return new JobDatabase(url, nonEmpty(environment.get("AI_POSTGRES_USER")), nonEmpty(environment.get("AI_POSTGRES_PASSWORD")));
    }

    public Connection connect()
            throws SQLException
    {
        Properties properties = new Properties();
        user.ifPresent(value -> properties.setProperty("user", value));
        password.ifPresent(value -> properties.setProperty("password", value));
        properties.setProperty("ApplicationName", "trino-ai-jobs");
        properties.setProperty("connectTimeout", "10");
        Connection connection = new Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("'%s' is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)".formatted(displayUrl()));
        }
        return connection;
    }

    /**
     * The URL for messages and logs: a password given as a URL parameter is masked.
     */
    public String displayUrl()
    {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    @Override
    public String toString()
    {
        return "JobDatabase[url=%s, user=%s]".formatted(displayUrl(), user.orElse("<none>"));
    }

    private static Optional<String> nonEmpty(String value)
    {
        return Optional.ofNullable(value).filter(text -> !text.isEmpty());
    }
}
