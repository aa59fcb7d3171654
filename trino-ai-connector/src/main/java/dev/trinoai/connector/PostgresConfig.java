package dev.trinoai.connector;

import dev.trinoai.core.warehouse.PasswordSecret;
import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.configuration.ConfigSecuritySensitive;
import io.airlift.configuration.DefunctConfig;
import io.airlift.units.Duration;
import io.airlift.units.MaxDuration;
import io.airlift.units.MinDuration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.util.Optional;

import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * Where the star schema and the vectors live.
 */
// the star schema is the semantic model's own (its schema key), and the catalog never reads the staging schema
@DefunctConfig({"ai.postgres.staging-schema", "ai.postgres.star-schema"})
public class PostgresConfig
{
    private static final String SCHEMA_NAME = "[a-z_][a-z0-9_]*";

    private String url;
    private String user;
    private String password;
    private String passwordSecretId;
    private String secretsRegion;
    private String secretsEndpoint;
    private String askSchema = "ask";
    private Duration connectTimeout = new Duration(10, SECONDS);

    @NotNull
    @Pattern(regexp = "jdbc:postgresql:.*", message = "must be a PostgreSQL JDBC URL such as jdbc:postgresql://127.0.0.1:5432/trino_ai")
    public String getUrl()
    {
        return url;
    }

    @Config("ai.postgres.url")
    @ConfigDescription("JDBC URL of the PostgreSQL database holding the star schema and the vectors")
    public PostgresConfig setUrl(String url)
    {
        this.url = url;
        return this;
    }

    public Optional<String> getUser()
    {
        // An empty value means none, so a catalog file can name an environment variable that is left empty.
        return Optional.ofNullable(user).filter(value -> !value.isEmpty());
    }

    @Config("ai.postgres.user")
    @ConfigDescription("PostgreSQL user; a read-only role is enough")
    public PostgresConfig setUser(String user)
    {
        this.user = user;
        return this;
    }

    public Optional<String> getPassword()
    {
        return Optional.ofNullable(password).filter(value -> !value.isEmpty());
    }

    @Config("ai.postgres.password")
    @ConfigSecuritySensitive
    @ConfigDescription("PostgreSQL password")
    public PostgresConfig setPassword(String password)
    {
        this.password = password;
        return this;
    }

    public Optional<String> getPasswordSecretId()
    {
        return Optional.ofNullable(passwordSecretId).filter(value -> !value.isEmpty());
    }

    @Config("ai.postgres.password-secret-id")
    @ConfigDescription("Name or ARN of the AWS Secrets Manager secret holding the password (plain, or JSON with password and username)")
    public PostgresConfig setPasswordSecretId(String passwordSecretId)
    {
        this.passwordSecretId = passwordSecretId;
        return this;
    }

    public Optional<String> getSecretsRegion()
    {
        return Optional.ofNullable(secretsRegion);
    }

    @Config("ai.postgres.secrets-region")
    @ConfigDescription("AWS region of the secret; the SDK's default region when unset")
    public PostgresConfig setSecretsRegion(String secretsRegion)
    {
        this.secretsRegion = secretsRegion;
        return this;
    }

    public Optional<URI> getSecretsEndpoint()
    {
        return Optional.ofNullable(secretsEndpoint).map(URI::create);
    }

    @Config("ai.postgres.secrets-endpoint")
    @ConfigDescription("Endpoint override for AWS Secrets Manager (a VPC endpoint)")
    public PostgresConfig setSecretsEndpoint(String secretsEndpoint)
    {
        this.secretsEndpoint = secretsEndpoint;
        return this;
    }

    @AssertTrue(message = "ai.postgres.secrets-region and ai.postgres.secrets-endpoint need ai.postgres.password-secret-id")
    public boolean isSecretsSettingsUsed()
    {
        return getPasswordSecretId().isPresent() || (secretsRegion == null && secretsEndpoint == null);
    }

    @AssertTrue(message = "ai.postgres.secrets-endpoint must be an http or https URL")
    public boolean isSecretsEndpointValid()
    {
        return LlmConfig.isHttpUrl(secretsEndpoint);
    }

    /**
     * The secret holding the password, when the password is not in the catalog file.
     *
     * @throws IllegalArgumentException when both are set (checked here, where the catalog is built, rather than by
     * validation, which Airlift's full-mapping test would then refuse)
     */
    public Optional<PasswordSecret> passwordSecret()
    {
        if (getPassword().isPresent() && getPasswordSecretId().isPresent()) {
            throw new IllegalArgumentException("ai.postgres.password and ai.postgres.password-secret-id exclude each other: set the password or the secret that holds it, not both");
        }
        return getPasswordSecretId().map(id -> new PasswordSecret(id, getSecretsRegion(), getSecretsEndpoint()));
    }

    @NotNull
    @Pattern(regexp = SCHEMA_NAME, message = "must be a lower-case PostgreSQL identifier")
    public String getAskSchema()
    {
        return askSchema;
    }

    @Config("ai.postgres.ask-schema")
    @ConfigDescription("Schema of the embeddings and the jobs' state")
    public PostgresConfig setAskSchema(String askSchema)
    {
        this.askSchema = askSchema;
        return this;
    }

    @NotNull
    @MinDuration("1s")
    @MaxDuration("5m")
    public Duration getConnectTimeout()
    {
        return connectTimeout;
    }

    @Config("ai.postgres.connect-timeout")
    @ConfigDescription("How long to wait for PostgreSQL to accept a connection")
    public PostgresConfig setConnectTimeout(Duration connectTimeout)
    {
        this.connectTimeout = connectTimeout;
        return this;
    }
}
