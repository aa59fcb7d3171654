package dev.trinoai.core;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where the star schema and the vectors live. The password is kept out of {@link #toString()} so it never reaches a log.
 */
public record WarehouseConfig(
        String jdbcUrl,
        Optional<String> user,
        Optional<String> password,
        String stagingSchema,
        String starSchema,
        String askSchema,
        Duration connectTimeout)
{
    public WarehouseConfig
    {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(stagingSchema, "stagingSchema is null");
        requireNonNull(starSchema, "starSchema is null");
        requireNonNull(askSchema, "askSchema is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
    }

    @Override
    public String toString()
    {
        return "WarehouseConfig[jdbcUrl=%s, user=%s, password=%s, schemas=%s/%s/%s]".formatted(
                jdbcUrl, user.orElse("<none>"), password.isPresent() ? "****" : "<none>", stagingSchema, starSchema, askSchema);
    }
}
