package dev.trinoai.jobs;

import dev.trinoai.core.warehouse.DatabaseLogin;
import dev.trinoai.core.warehouse.DatabaseLogins;
import dev.trinoai.core.warehouse.PasswordSecret;
import dev.trinoai.core.warehouse.SecretsManagerLogins;
import org.postgresql.Driver;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The PostgreSQL database the jobs write to. Named by the same variables as the catalog file (AI_POSTGRES_URL,
 * AI_POSTGRES_USER, AI_POSTGRES_PASSWORD), so one environment serves Trino and the jobs; instead of the password, the
 * AWS Secrets Manager secret holding it, named like the connector's keys (AI_POSTGRES_PASSWORD_SECRET_ID for
 * ai.postgres.password-secret-id, AI_POSTGRES_SECRETS_REGION, AI_POSTGRES_SECRETS_ENDPOINT). The secret is read on the
 * first connection and kept; when PostgreSQL refuses its password (a rotation) it is read once more and the login tried
 * again, on every connection, reconnections included. Close it to release the Secrets Manager client.
 */
public final class JobDatabase
        implements AutoCloseable
{
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");

    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Optional<PasswordSecret> passwordSecret;
    private final DatabaseLogins logins;

    public JobDatabase(String url, Optional<String> user, Optional<String> password)
    {
        this(url, user, password, Optional.empty(), DatabaseLogins.fixed(new DatabaseLogin(user, password)));
    }

    private JobDatabase(String url, Optional<String> user, Optional<String> password, Optional<PasswordSecret> passwordSecret, DatabaseLogins logins)
    {
        this.url = requireNonNull(url, "url is null");
        this.user = requireNonNull(user, "user is null");
        this.password = requireNonNull(password, "password is null");
        this.passwordSecret = requireNonNull(passwordSecret, "passwordSecret is null");
        this.logins = requireNonNull(logins, "logins is null");
    }

    /**
     * The password (and, in RDS-style JSON, the user, which wins over {@code user}) read from the secret.
     */
    public static JobDatabase withSecret(String url, Optional<String> user, PasswordSecret secret)
    {
        return new JobDatabase(url, user, Optional.empty(), Optional.of(secret), SecretsManagerLogins.create(secret, user, JobDatabase::variable));
    }

    public static JobDatabase fromEnvironment(Map<String, String> environment)
    {
        String url = environment.get("AI_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("AI_POSTGRES_URL is not set: set it to the JDBC URL of the database, e.g. jdbc:postgresql://127.0.0.1:5432/trino_ai (AI_POSTGRES_USER and AI_POSTGRES_PASSWORD or AI_POSTGRES_PASSWORD_SECRET_ID as needed)");
        }
        Optional<String> user = nonEmpty(environment.get("AI_POSTGRES_USER"));
        Optional<String> password = nonEmpty(environment.get("AI_POSTGRES_PASSWORD"));
        Optional<String> secretId = nonEmpty(environment.get("AI_POSTGRES_PASSWORD_SECRET_ID"));
        Optional<String> region = nonEmpty(environment.get("AI_POSTGRES_SECRETS_REGION"));
        Optional<String> endpoint = nonEmpty(environment.get("AI_POSTGRES_SECRETS_ENDPOINT"));
        if (secretId.isEmpty()) {
            if (region.isPresent() || endpoint.isPresent()) {
                throw new IllegalArgumentException("AI_POSTGRES_SECRETS_REGION and AI_POSTGRES_SECRETS_ENDPOINT need AI_POSTGRES_PASSWORD_SECRET_ID: set the name or ARN of the secret holding the password, or unset them");
            }
            return new JobDatabase(url, user, password);
        }
        if (password.isPresent()) {
            throw new IllegalArgumentException("AI_POSTGRES_PASSWORD and AI_POSTGRES_PASSWORD_SECRET_ID exclude each other: set the password or the secret that holds it, not both");
        }
        return withSecret(url, user, new PasswordSecret(secretId.get(), region, endpoint.map(JobDatabase::secretsEndpoint)));
    }

    /**
     * The environment variable the jobs read for a catalog key: ai.postgres.password-secret-id is
     * AI_POSTGRES_PASSWORD_SECRET_ID.
     */
    static String variable(String catalogKey)
    {
        return catalogKey.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String url()
    {
        return url;
    }

    /**
     * The configured user; a secret in RDS-style JSON may name another one, which is the one that logs in.
     */
    public Optional<String> user()
    {
        return user;
    }

    public Optional<String> password()
    {
        return password;
    }

    public Optional<PasswordSecret> passwordSecret()
    {
        return passwordSecret;
    }

    public Connection connect()
            throws SQLException
    {
        try {
            return logins.connect(this::connect);
        }
        catch (SQLException e) {
            // refused even after reading the secret again: the secret is what to fix, and the message says which
            if (passwordSecret.isPresent() && e.getSQLState() != null && e.getSQLState().startsWith("28")) {
                throw new SQLException("PostgreSQL at %s refused the login of user '%s'. %s"
                        .formatted(displayUrl(), logins.current().user().orElse("<none>"), logins.whatToFix()), e.getSQLState(), e);
            }
            throw e;
        }
    }

    private Connection connect(DatabaseLogin login)
            throws SQLException
    {
        Properties properties = new Properties();
        login.user().ifPresent(value -> properties.setProperty("user", value));
        login.password().ifPresent(value -> properties.setProperty("password", value));
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
        return "JobDatabase[url=%s, user=%s%s]".formatted(displayUrl(), user.orElse("<none>"), passwordSecret.map(secret -> ", password secret=" + secret.secretId()).orElse(""));
    }

    @Override
    public void close()
    {
        logins.close();
    }

    private static URI secretsEndpoint(String value)
    {
        try {
            URI uri = new URI(value);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        }
        catch (URISyntaxException _) {
            // said below
        }
        throw new IllegalArgumentException("AI_POSTGRES_SECRETS_ENDPOINT must be an http or https URL such as https://secretsmanager.eu-west-1.amazonaws.com, not '%s'".formatted(value));
    }

    private static Optional<String> nonEmpty(String value)
    {
        return Optional.ofNullable(value).filter(text -> !text.isEmpty());
    }
}
