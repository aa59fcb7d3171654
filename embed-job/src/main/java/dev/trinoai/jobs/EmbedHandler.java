package dev.trinoai.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.embedding.EmbeddingModels;
import dev.trinoai.jobs.embed.Chunker;
import dev.trinoai.jobs.embed.EmbedJob;
import dev.trinoai.jobs.embed.EmbedSummary;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AWS Lambda entry point for the hourly schedule (an EventBridge rule): one embed run per invocation, after the
 * ingest. Configured by environment: AI_POSTGRES_URL/USER/PASSWORD (or, instead of the password,
 * AI_POSTGRES_PASSWORD_SECRET_ID with optionally AI_POSTGRES_SECRETS_REGION/ENDPOINT), AI_SEMANTIC_MODEL (the file
 * inside the deployment package, default etc/ai/semantic-model.yaml), AI_SEMANTIC_DOMAINS (a folder of further domains' models), AI_EMBEDDING_PROVIDER (local or bedrock), AI_EMBEDDING_BEDROCK_MODEL,
 * AI_EMBEDDING_BEDROCK_REGION, AI_EMBEDDING_BEDROCK_ENDPOINT, AI_ASK_SCHEMA (default ask).
 */
public final class EmbedHandler
        implements RequestHandler<Map<String, Object>, Map<String, Object>>
{
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context)
    {
        Map<String, String> environment = System.getenv();
        Arguments none = EmbedCommand.arguments(List.of());
        try (JobDatabase database = JobDatabase.fromEnvironment(environment);
                EmbeddingModel embeddings = EmbeddingModels.create(EmbedCommand.embeddingSettings(none, environment))) {
            EmbedJob job = new EmbedJob(database, EmbedCommand.domains(none, environment), embeddings,
                    EmbedCommand.options(none, environment), new Chunker(Chunker.DEFAULT_MAX_CHARS), System.out);
            Optional<EmbedSummary> summary = EmbedCommand.runOnce(job, System.out);
            Map<String, Object> result = new LinkedHashMap<>();
            if (summary.isEmpty()) {
                result.put("status", "locked");
                return result;
            }
            EmbedSummary done = summary.get();
            if (!done.succeeded()) {
                // a failed run fails the invocation, so the schedule's alarms and retries see it
                throw new IllegalStateException("embed run %d failed: %d chunks left for the next run: %s".formatted(done.runId(), done.failed(), done.error().orElse("")));
            }
            result.put("status", "succeeded");
            result.put("runId", done.runId());
            result.put("model", done.modelId());
            result.put("scanned", done.scanned());
            result.put("embedded", done.embedded());
            result.put("texts", done.texts());
            result.put("reused", done.reused());
            result.put("skipped", done.skipped());
            result.put("deleted", done.deleted());
            result.put("embeddingCalls", done.embeddingCalls());
            result.put("seconds", done.seconds());
            return result;
        }
        catch (SQLException e) {
            throw new IllegalStateException("embed failed: " + e.getMessage(), e);
        }
    }
}
