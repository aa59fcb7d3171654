package dev.trinoai.jobs;

import dev.trinoai.core.AskException;
import dev.trinoai.core.engine.ModelCheck;
import dev.trinoai.core.model.ModelProblem;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelException;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.jobs.ingest.MappingCheck;
import dev.trinoai.jobs.ingest.MappingException;
import dev.trinoai.jobs.ingest.SourceMappings;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code validate [--sources DIR] [--model-file FILE|DIR]... [--as-of DATE]}: checks every source mapping and every
 * semantic model against the live database, as the catalog checks its model when it starts and reloads, and prints
 * each problem as {@code file: line N: what to fix}. Nothing is loaded or changed: the checks run in transactions that
 * are rolled back, and read no row.
 */
final class ValidateCommand
{
    /** The folder of one model per domain, checked besides the single model file when it exists. */
    static final String DEFAULT_MODELS = "etc/ai/models";

    private ValidateCommand() {}

    static int run(List<String> args, Map<String, String> environment, PrintStream out)
            throws SQLException
    {
        Arguments arguments = new Arguments(args, Set.of("--sources", "--model-file", "--as-of"), Set.of());
        Path sources = Path.of(arguments.value("--sources").orElse(environment.getOrDefault("AI_INGEST_SOURCES", IngestCommand.DEFAULT_SOURCES)));
        List<Path> models = modelFiles(arguments.values("--model-file"), environment);
        LocalDate asOf = arguments.value("--as-of").map(LocalDate::parse).orElseGet(() -> LocalDate.now(ZoneOffset.UTC));
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (JobDatabase database = JobDatabase.fromEnvironment(environment); Connection connection = database.connect()) {
            for (Path file : yamlFiles(sources)) {
                checked++;
                try {
                    problems.addAll(MappingCheck.problems(file, SourceMappings.loadFile(file), connection));
                }
                catch (MappingException e) {
                    problems.add(e.getMessage());
                }
            }
            for (Path file : models) {
                checked++;
                try {
                    SemanticModel model = SemanticModelLoader.load(file);
                    ModelCheck.problems(model, connection, asOf).stream().map(ModelProblem::toString).forEach(problems::add);
                }
                catch (SemanticModelException e) {
                    problems.add(e.getMessage());
                }
                catch (AskException e) {
                    problems.add("%s: %s".formatted(file, e.getMessage()));
                }
            }
            problems.forEach(out::println);
            out.printf("%d file%s checked against %s: %s%n", checked, checked == 1 ? "" : "s", database.displayUrl(),
                    problems.isEmpty() ? "no problems" : problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
        }
        return problems.isEmpty() ? 0 : 1;
    }

    /**
     * The files given, a folder standing for its {@code *.yaml} files; by default {@code AI_SEMANTIC_MODEL}, else the
     * shipped model file and the domains' folder, those of them that exist.
     */
    private static List<Path> modelFiles(List<String> given, Map<String, String> environment)
    {
        List<String> paths = !given.isEmpty() ? given
                : Optional.ofNullable(environment.get("AI_SEMANTIC_MODEL")).map(List::of)
                .orElseGet(() -> Stream.of(EmbedCommand.DEFAULT_MODEL_FILE, DEFAULT_MODELS).filter(path -> Files.exists(Path.of(path))).toList());
        List<Path> files = new ArrayList<>();
        for (String path : paths) {
            files.addAll(Files.isDirectory(Path.of(path)) ? yamlFiles(Path.of(path)) : List.of(Path.of(path)));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no semantic model to check: give --model-file FILE|DIR, or set AI_SEMANTIC_MODEL");
        }
        return files;
    }

    private static List<Path> yamlFiles(Path folder)
    {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("%s is not a folder of YAML files".formatted(folder));
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
