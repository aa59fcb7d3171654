package dev.trinoai.jobs;

import dev.trinoai.core.retrieve.RetrievalSettings;
import dev.trinoai.jobs.embed.EmbedOptions;
import dev.trinoai.jobs.embed.OpenSearchSync;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code opensearch-sync [--schema ask] [--model ID]}: moves the vectors of the vector table into OpenSearch
 * ({@code AI_RETRIEVAL_OPENSEARCH_URL}), one index per model, writing only what differs; then the catalog can switch to
 * {@code ai.retrieval.backend=opensearch}, and the embed job with {@code AI_RETRIEVAL_BACKEND=opensearch} keeps the
 * index in step. No embedding model is loaded: the vectors are copied, not recomputed.
 */
final class OpenSearchSyncCommand
{
    private OpenSearchSyncCommand() {}

    static int run(List<String> args, Map<String, String> environment, PrintStream out)
            throws Exception
    {
        Arguments arguments = new Arguments(args, Set.of("--schema", "--model"), Set.of());
        // checked as the embed job checks it: the name goes into SQL unquoted
        String schema = EmbedOptions.defaults().withSchema(arguments.value("--schema")
                .or(() -> Optional.ofNullable(environment.get("AI_ASK_SCHEMA")).filter(value -> !value.isBlank())).orElse("ask")).schema();
        RetrievalSettings settings = RetrievalEnvironment.opensearch(environment);
        try (JobDatabase database = JobDatabase.fromEnvironment(environment)) {
            Optional<List<OpenSearchSync.Summary>> summaries = Reconnect.DEFAULT.run("opensearch-sync", database, System.err,
                    connection -> new OpenSearchSync(schema, System.err).syncModels(connection, settings, arguments.value("--model")));
            if (summaries.isEmpty()) {
                out.println("an embed run holds the lock on this database; run opensearch-sync again once it is done");
                return 1;
            }
            summaries.get().forEach(summary -> summary.print(out));
            return 0;
        }
    }
}
