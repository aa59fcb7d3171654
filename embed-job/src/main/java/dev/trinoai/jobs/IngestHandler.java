package dev.trinoai.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.trinoai.jobs.ingest.FileResult;
import dev.trinoai.jobs.ingest.IngestJob;
import dev.trinoai.jobs.ingest.IngestSummary;
import dev.trinoai.jobs.ingest.LandingZone;
import dev.trinoai.jobs.ingest.SourceMappings;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * AWS Lambda entry point for the hourly schedule (an EventBridge rule): one ingest run per invocation. Configured by
 * environment: AI_LANDING (s3://bucket/prefix), AI_POSTGRES_URL/USER/PASSWORD (or, instead of the password,
 * AI_POSTGRES_PASSWORD_SECRET_ID with optionally AI_POSTGRES_SECRETS_REGION/ENDPOINT), optionally AI_INGEST_SOURCES
 * (the mappings' folder inside the deployment package, default etc/ingest/sources), AI_S3_REGION, AI_S3_ENDPOINT.
 */
public final class IngestHandler
        implements RequestHandler<Map<String, Object>, Map<String, Object>>
{
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context)
    {
        Map<String, String> environment = System.getenv();
        String landing = Optional.ofNullable(environment.get("AI_LANDING"))
                .orElseThrow(() -> new IllegalArgumentException("AI_LANDING is not set: set it to s3://bucket/prefix"));
        LandingZone zone = IngestCommand.landingZone(landing,
                Optional.ofNullable(environment.get("AI_S3_REGION")),
                Optional.ofNullable(environment.get("AI_S3_ENDPOINT")).map(URI::create));
        try (JobDatabase database = JobDatabase.fromEnvironment(environment)) {
            Path sources = Path.of(environment.getOrDefault("AI_INGEST_SOURCES", IngestCommand.DEFAULT_SOURCES));
            IngestSummary summary = new IngestJob(database, zone, SourceMappings.load(sources), System.out).runOnce(false);
            summary.print(System.out);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("runId", summary.runId());
            result.put("filesLoaded", summary.count(FileResult.Status.LOADED));
            result.put("filesUnchanged", summary.count(FileResult.Status.UNCHANGED));
            result.put("filesFailed", summary.count(FileResult.Status.FAILED));
            result.put("rowsInserted", summary.inserted());
            result.put("rowsUpdated", summary.updated());
            result.put("rowsQuarantined", summary.quarantined());
            result.put("seconds", summary.elapsed().toMillis() / 1000.0);
            return result;
        }
        catch (Exception e) {
            throw new IllegalStateException("ingest failed: " + e.getMessage(), e);
        }
        finally {
            IngestCommand.close(zone);
        }
    }
}
