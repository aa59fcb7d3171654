package dev.trinoai.core.warehouse;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where the star schema and the vectors live, and the login: the password itself, or the AWS Secrets Manager secret
 * holding it. The password is kept out of {@link #toString()} so it never reaches a log.
 */
public record WarehouseConfig(
        String jdbcUrl,
        Optional<String> user,
        Optional<String> password,
        String starSchema,
        String askSchema,
        Duration connectTimeout,
        Optional<PasswordSecret> passwordSecret)
{
    public WarehouseConfig(String jdbcUrl, Optional<String> user, Optional<String> password, String starSchema, String askSchema, Duration connectTimeout)
    {
        this(jdbcUrl, user, password, starSchema, askSchema, connectTimeout, Optional.empty());
    }

    public WarehouseConfig
    {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(starSchema, "starSchema is null");
        requireNonNull(askSchema, "askSchema is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(passwordSecret, "passwordSecret is null");
        if (password.isPresent() && passwordSecret.isPresent()) {
            throw new IllegalArgumentException("a password and a password secret exclude each other");
        }
    }

    @Override
    public String toString()
    {
        return "WarehouseConfig[jdbcUrl=%s, user=%s, password=%s, schemas=%s/%s]".formatted(
                jdbcUrl, user.orElse("<none>"), password.isPresent() ? "****" : passwordSecret.map(secret -> "secret " + secret.secretId()).orElse("<none>"), starSchema, askSchema);
    }
}
