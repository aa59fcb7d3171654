package dev.trinoai.core.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trinoai.core.AskException;
import dev.trinoai.core.AskFailure;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static dev.trinoai.core.AskFailure.DATABASE_UNAVAILABLE;
import static java.util.Objects.requireNonNull;

/**
 * The login read from an AWS Secrets Manager secret with the default credential chain: either the plain password, or
 * JSON with a {@code password} key and optionally {@code username} (the format of RDS-managed secrets). Read once and
 * kept, and read again only when PostgreSQL refuses it, which is what a rotation looks like from here. Messages name the
 * secret id and the setting to fix, never anything the secret holds.
 */
public final class SecretsManagerLogins
        implements DatabaseLogins
{
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SecretsManagerClient client;
    private final PasswordSecret secret;
    private final Optional<String> configuredUser;
    private final UnaryOperator<String> settingName;
    private DatabaseLogin cached; // guarded by this

    SecretsManagerLogins(SecretsManagerClient client, PasswordSecret secret, Optional<String> configuredUser, UnaryOperator<String> settingName)
    {
        this.client = requireNonNull(client, "client is null");
        this.secret = requireNonNull(secret, "secret is null");
        this.configuredUser = requireNonNull(configuredUser, "configuredUser is null");
        this.settingName = requireNonNull(settingName, "settingName is null");
    }

    /**
     * @param settingName how the caller names a catalog key in its messages: the key itself for the connector, the
     * environment variable for the jobs
     */
    public static SecretsManagerLogins create(PasswordSecret secret, Optional<String> configuredUser, UnaryOperator<String> settingName)
    {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .region(secret.region().map(Region::of).orElseGet(() -> defaultRegion(secret, settingName)))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(10)));
        secret.endpoint().ifPresent(builder::endpointOverride);
        return new SecretsManagerLogins(builder.build(), secret, configuredUser, settingName);
    }

    private static Region defaultRegion(PasswordSecret secret, UnaryOperator<String> settingName)
    {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        }
        catch (SdkException e) {
            throw new AskException(DATABASE_UNAVAILABLE, "No AWS region to read the secret '%s' from: set %s or AWS_REGION.".formatted(secret.secretId(), settingName.apply("ai.postgres.secrets-region")), e);
        }
    }

    @Override
    public synchronized DatabaseLogin current()
    {
        if (cached == null) {
            cached = fetch();
        }
        return cached;
    }

    @Override
    public synchronized boolean refresh(DatabaseLogin refused)
    {
        if (cached != null && !cached.equals(refused)) {
            // another connection already read the rotated secret
            return true;
        }
        cached = null;
        return !current().equals(refused);
    }

    @Override
    public String whatToFix()
    {
        return "Fix the secret '%s' in AWS Secrets Manager (%s).".formatted(secret.secretId(), settingName.apply("ai.postgres.password-secret-id"));
    }

    private DatabaseLogin fetch()
    {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(request -> request.secretId(secret.secretId()));
        }
        catch (AwsServiceException e) {
            throw failure("AWS Secrets Manager refused to give the secret '%s': %s (%s)".formatted(secret.secretId(), e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage()), e);
        }
        catch (SdkException e) {
            throw failure("Cannot read the secret '%s' from AWS Secrets Manager: %s".formatted(secret.secretId(), e.getMessage()), e);
        }
        if (response.secretString() == null) {
            throw failure("The secret '%s' holds binary data, not a password or JSON with a \"password\" key".formatted(secret.secretId()), null);
        }
        return parse(response.secretString());
    }

    private DatabaseLogin parse(String value)
    {
        if (!value.stripLeading().startsWith("{")) {
            return new DatabaseLogin(configuredUser, Optional.of(value));
        }
        JsonNode json;
        try {
            json = JSON.readTree(value);
        }
        catch (JsonProcessingException e) {
            // not chained: the parser's message quotes the text it choked on, which is the secret
            throw failure("The secret '%s' starts like JSON but is not valid JSON".formatted(secret.secretId()), null);
        }
        JsonNode password = json.path("password");
        if (!password.isTextual()) {
            throw failure("The secret '%s' is JSON without a text \"password\" key".formatted(secret.secretId()), null);
        }
        Optional<String> user = json.path("username").isTextual() ? Optional.of(json.path("username").asText()) : configuredUser;
        return new DatabaseLogin(user, Optional.of(password.asText()));
    }

    private AskException failure(String message, Exception cause)
    {
        return new AskException(DATABASE_UNAVAILABLE, message + ". " + whatToFix(), cause);
    }

    @Override
    public void close()
    {
        client.close();
    }
}
