package dev.trinoai.jobs;

import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.embedding.EmbeddingModels;
import dev.trinoai.core.embedding.EmbeddingProvider;
import dev.trinoai.core.embedding.EmbeddingSettings;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.jobs.embed.Chunker;
import dev.trinoai.jobs.embed.EmbedJob;
import dev.trinoai.jobs.embed.EmbedOptions;
import dev.trinoai.jobs.embed.EmbedSummary;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code embed [--once | --every 1h] [--model-file FILE] [--provider local|bedrock] [--bedrock-model ID] [--region R]
 * [--endpoint URL] [--schema ask] [--prune-other-models]}. Each option falls back to an environment variable named
 * after the catalog's key, so the Lambda handler, the local scripts and the catalog file agree.
 */
final class EmbedCommand
{
    static final String DEFAULT_MODEL_FILE = "etc/ai/semantic-model.yaml";

    private EmbedCommand() {}

    static int run(List<String> args, Map<String, String> environment, PrintStream out)
            throws Exception
    {
        Arguments arguments = arguments(args);
        Optional<Duration> every = Schedule.interval(arguments);
        // everything that can be wrong with the input is checked before the model is loaded
        JobDatabase database = JobDatabase.fromEnvironment(environment);
        List<SemanticModel> domains = domains(arguments, environment);
        EmbeddingSettings settings = embeddingSettings(arguments, environment);
        EmbedOptions options = options(arguments, environment);
        try (database; EmbeddingModel embeddings = EmbeddingModels.create(settings)) {
            EmbedJob job = new EmbedJob(database, domains, embeddings, options, new Chunker(Chunker.DEFAULT_MAX_CHARS), System.err);
            if (every.isEmpty()) {
                return runOnce(job, out).map(summary -> summary.succeeded() ? 0 : 1).orElse(0);
            }
            return Schedule.repeat("embed", every.get(), out, () -> runOnce(job, out));
        }
    }

    static Arguments arguments(List<String> args)
    {
        return new Arguments(args, Set.of("--every", "--model-file", "--domains", "--provider", "--bedrock-model", "--region", "--endpoint", "--schema"),
                Set.of("--once", "--prune-other-models"));
    }

    static Optional<EmbedSummary> runOnce(EmbedJob job, PrintStream out)
            throws SQLException
    {
        Optional<EmbedSummary> summary = job.runOnce();
        summary.ifPresentOrElse(
                done -> done.print(out),
                () -> out.println("another embed run holds the lock on this database and is embedding what is new; this run does nothing"));
        return summary;
    }

    /**
     * The model file's domain ({@code --model-file}, else AI_SEMANTIC_MODEL, else the shipped one), then those of the
     * domains folder ({@code --domains}, else AI_SEMANTIC_DOMAINS; none when neither is set).
     */
    static List<SemanticModel> domains(Arguments arguments, Map<String, String> environment)
    {
        Path file = Path.of(option(arguments, "--model-file", environment, "AI_SEMANTIC_MODEL").orElse(DEFAULT_MODEL_FILE));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the semantic model file %s does not exist: pass --model-file FILE or set AI_SEMANTIC_MODEL (etc/ai/semantic-model.yaml in this repository)"
                    .formatted(file.toAbsolutePath()));
        }
        return SemanticModelLoader.loadDomains(file, option(arguments, "--domains", environment, "AI_SEMANTIC_DOMAINS").map(Path::of));
    }

    static EmbeddingSettings embeddingSettings(Arguments arguments, Map<String, String> environment)
    {
        String provider = option(arguments, "--provider", environment, "AI_EMBEDDING_PROVIDER").orElse("local");
        EmbeddingSettings settings = EmbeddingSettings.defaults().withProvider(switch (provider.toLowerCase(Locale.ROOT)) {
            case "local" -> EmbeddingProvider.LOCAL;
            case "bedrock" -> EmbeddingProvider.BEDROCK;
            default -> throw new IllegalArgumentException("'%s' is not an embedding provider: use --provider local or --provider bedrock".formatted(provider));
        });
        settings = option(arguments, "--bedrock-model", environment, "AI_EMBEDDING_BEDROCK_MODEL").map(settings::withBedrockModel).orElse(settings);
        settings = option(arguments, "--region", environment, "AI_EMBEDDING_BEDROCK_REGION").map(settings::withRegion).orElse(settings);
        return option(arguments, "--endpoint", environment, "AI_EMBEDDING_BEDROCK_ENDPOINT").map(URI::create).map(settings::withEndpoint).orElse(settings);
    }

    static EmbedOptions options(Arguments arguments, Map<String, String> environment)
    {
        return EmbedOptions.defaults()
                .withSchema(option(arguments, "--schema", environment, "AI_ASK_SCHEMA").orElse("ask"))
                .withPruneOtherModels(arguments.flag("--prune-other-models"))
                .withRetrieval(RetrievalEnvironment.settings(environment));
    }

    private static Optional<String> option(Arguments arguments, String name, Map<String, String> environment, String variable)
    {
        return arguments.value(name).or(() -> Optional.ofNullable(environment.get(variable)).filter(value -> !value.isBlank()));
    }
}
