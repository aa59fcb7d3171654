package dev.trinoai.jobs;

import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.embedding.LocalEmbeddingModel;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.jobs.embed.Chunker;
import dev.trinoai.jobs.embed.EmbedJob;
import dev.trinoai.jobs.embed.EmbedOptions;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.trinoai.core.model.TestingSemanticModels.withTextSources;

/**
 * The sample PMO dataset generated and ingested by the jobs' own command line, as {@code ./dev ingest} does, and
 * some of its text embedded, for tests outside the embed-job module.
 */
public final class TestingSampleData
{
    private TestingSampleData() {}

    /**
     * @param environment AI_POSTGRES_URL, AI_POSTGRES_USER, AI_POSTGRES_PASSWORD of the target database
     */
    public static void load(Path landing, LocalDate asOf, Path sources, Map<String, String> environment)
    {
        run(List.of("generate", "--out", landing.toString(), "--as-of", asOf.toString()), environment);
        run(List.of("ingest", "--once", "--landing", landing.toString(), "--sources", sources.toString()), environment);
    }

    /**
     * Embeds the named text sources of {@code semanticModel} from the loaded sample, for answers that cite them.
     * Only those: all of the sample's text takes minutes to embed on a small machine.
     */
    public static void embed(Path semanticModel, Set<String> sources, Map<String, String> environment)
    {
        SemanticModel subset = withTextSources(SemanticModelLoader.load(semanticModel), sources);
        try (JobDatabase database = JobDatabase.fromEnvironment(environment);
                EmbeddingModel embeddings = LocalEmbeddingModel.load(Runtime.getRuntime().availableProcessors())) {
            new EmbedJob(database, subset, embeddings, EmbedOptions.defaults(), new Chunker(Chunker.DEFAULT_MAX_CHARS), new PrintStream(OutputStream.nullOutputStream()))
                    .runOnce()
                    .orElseThrow();
        }
        catch (Exception e) {
            throw new IllegalStateException("cannot embed %s of the sample: %s".formatted(sources, e.getMessage()), e);
        }
    }

    private static void run(List<String> args, Map<String, String> environment)
    {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        int status = JobsMain.run(args, environment, out, out);
        if (status != 0) {
            throw new IllegalStateException("jobs %s exited with %d:%n%s".formatted(args, status, output.toString(StandardCharsets.UTF_8)));
        }
    }
}
