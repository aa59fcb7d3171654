package dev.trinoai.core.warehouse;

import java.net.URI;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The AWS Secrets Manager secret that holds the database password, and where to ask for it (SDK defaults when empty).
 */
public record PasswordSecret(String secretId, Optional<String> region, Optional<URI> endpoint)
{
    public PasswordSecret
    {
        requireNonNull(secretId, "secretId is null");
        requireNonNull(region, "region is null");
        requireNonNull(endpoint, "endpoint is null");
    }
}
