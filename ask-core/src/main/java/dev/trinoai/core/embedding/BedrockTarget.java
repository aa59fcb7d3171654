package dev.trinoai.core.embedding;

import java.net.URI;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Which model is called where, for the messages that say what to fix.
 */
record BedrockTarget(String modelId, String region, Optional<URI> endpoint)
{
    BedrockTarget
    {
        requireNonNull(modelId, "modelId is null");
        requireNonNull(region, "region is null");
        requireNonNull(endpoint, "endpoint is null");
    }

    String modelArn()
    {
        return "arn:aws:bedrock:%s::foundation-model/%s".formatted(region, modelId);
    }

    String where()
    {
        return endpoint.map(uri -> "endpoint " + uri).orElse("the public endpoint of " + region);
    }
}
