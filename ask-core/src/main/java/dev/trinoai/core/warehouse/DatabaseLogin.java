package dev.trinoai.core.warehouse;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A user and password for PostgreSQL. The password is kept out of {@link #toString()} so it never reaches a log.
 */
public record DatabaseLogin(Optional<String> user, Optional<String> password)
{
    public DatabaseLogin
    {
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }

    @Override
    public String toString()
    {
        return "DatabaseLogin[user=%s, password=%s]".formatted(user.orElse("<none>"), password.isPresent() ? "****" : "<none>");
    }
}
