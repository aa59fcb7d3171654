package dev.trinoai.jobs.ingest;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * A landing zone in an S3 bucket under a prefix, or in any S3-compatible store reached through an endpoint override.
 */
public final class S3LandingZone
        implements LandingZone, AutoCloseable
{
    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final boolean ownsClient;

    public S3LandingZone(S3Client client, String bucket, String prefix)
    {
        this(client, bucket, prefix, false);
    }

    private S3LandingZone(S3Client client, String bucket, String prefix, boolean ownsClient)
    {
        this.client = requireNonNull(client, "client is null");
        this.bucket = requireNonNull(bucket, "bucket is null");
        requireNonNull(prefix, "prefix is null");
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        this.ownsClient = ownsClient;
    }

    /**
     * A zone at {@code s3://bucket/prefix}, with the default credential chain; the region comes from the argument or the
     * SDK's default chain, and an endpoint (an S3-compatible server) is addressed path-style.
     */
    public static S3LandingZone create(URI location, Optional<String> region, Optional<URI> endpoint)
    {
        if (!"s3".equals(location.getScheme()) || location.getHost() == null || location.getHost().isEmpty()) {
            throw new IllegalArgumentException("'%s' is not an S3 location: write s3://bucket or s3://bucket/prefix".formatted(location));
        }
        S3ClientBuilder builder = S3Client.builder()
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(Duration.ofSeconds(60)));
        Optional<Region> chosen = region.map(Region::of).or(() -> {
            try {
                return Optional.of(new DefaultAwsRegionProviderChain().getRegion());
            }
            catch (SdkException e) {
                return Optional.empty();
            }
        });
        if (endpoint.isPresent()) {
            builder.endpointOverride(endpoint.get()).forcePathStyle(true).region(chosen.orElse(Region.US_EAST_1));
        }
        else {
            builder.region(chosen.orElseThrow(() -> new IllegalArgumentException("no AWS region for %s: pass --s3-region or set AWS_REGION".formatted(location))));
        }
        String path = location.getPath() == null ? "" : location.getPath();
        return new S3LandingZone(builder.build(), location.getHost(), path.startsWith("/") ? path.substring(1) : path, true);
    }

    @Override
    public List<LandedFile> list(String glob)
            throws IOException
    {
        Predicate<String> matches = LandingZone.globMatcher(glob);
        List<LandedFile> files = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
                String path = object.key().substring(prefix.length());
                if (!path.isEmpty() && !path.endsWith("/") && matches.test(path)) {
                    files.add(new LandedFile(path, object.size()));
                }
            }
        }
        catch (SdkException e) {
            throw failure("cannot list", e);
        }
        files.sort(Comparator.comparing(LandedFile::path));
        return files;
    }

    @Override
    public InputStream open(LandedFile file)
            throws IOException
    {
        try {
            return client.getObject(GetObjectRequest.builder().bucket(bucket).key(prefix + file.path()).build());
        }
        catch (SdkException e) {
            throw failure("cannot read " + file.path() + " in", e);
        }
    }

    @Override
    public String location()
    {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public void close()
    {
        if (ownsClient) {
            client.close();
        }
    }

    private IOException failure(String what, SdkException e)
    {
        return new IOException("%s %s: %s. Check the bucket name, the region or endpoint, and that the credentials may list and read it.".formatted(what, location(), e.getMessage()), e);
    }
}
