package dev.trinoai.core.remote;

import java.net.URI;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Which model is called where, for the messages that say what to fix.
 */
public record BedrockTarget(String modelId, String region, Optional<URI> endpoint)
{
    public BedrockTarget
    {
        requireNonNull(modelId, "modelId is null");
        requireNonNull(region, "region is null");
        requireNonNull(endpoint, "endpoint is null");
    }

    public String modelArn()
    {
        return "arn:aws:bedrock:%s::foundation-model/%s".formatted(region, modelId);
    }

    public String where()
    {
        return endpoint.map(uri -> "endpoint " + uri).orElse("the public endpoint of " + region);
    }
}
