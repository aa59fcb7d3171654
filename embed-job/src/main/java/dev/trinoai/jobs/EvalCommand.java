package dev.trinoai.jobs;

import dev.trinoai.core.AskEngine;
import dev.trinoai.core.AskSettings;
import dev.trinoai.core.Warehouse;
import dev.trinoai.core.WarehouseConfig;
import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.embedding.EmbeddingModels;
import dev.trinoai.core.embedding.EmbeddingSettings;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.jobs.eval.EvalReport;
import dev.trinoai.jobs.eval.EvalSet;
import dev.trinoai.jobs.eval.Evaluation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval [--questions eval/questions.yaml] [--model-file etc/ai/semantic-model.yaml] [--only ID,...] [--max-wrong-rate 0]}:
 * asks every question of the evaluation set in-process and compares the numbers with the set's own SQL.
 */
final class EvalCommand
{
    static final String DEFAULT_QUESTIONS = "eval/questions.yaml";
    static final String DEFAULT_MODEL = "etc/ai/semantic-model.yaml";

    private EvalCommand() {}

    static int run(List<String> args, Map<String, String> environment, PrintStream out)
            throws Exception
    {
        Arguments arguments = new Arguments(args, Set.of("--questions", "--model-file", "--only", "--max-wrong-rate"), Set.of());
        EvalSet set = EvalSet.load(Path.of(arguments.value("--questions").orElse(DEFAULT_QUESTIONS)));
        Set<String> only = arguments.value("--only").map(ids -> Set.of(ids.split(","))).orElse(Set.of());
        if (!only.isEmpty()) {
            set = new EvalSet(set.asOf(), set.dataset(), set.questions().stream().filter(question -> only.contains(question.id())).toList());
        }
        double maxWrongRate = arguments.value("--max-wrong-rate").map(Double::parseDouble).orElse(0.0);
        SemanticModel model = SemanticModelLoader.load(Path.of(arguments.value("--model-file")
                .orElse(environment.getOrDefault("AI_SEMANTIC_MODEL", DEFAULT_MODEL))));
        JobDatabase database = JobDatabase.fromEnvironment(environment);
        WarehouseConfig config = new WarehouseConfig(database.url(), database.user(), database.password(), "staging", model.schema(), "ask", Duration.ofSeconds(10), database.passwordSecret());
        try (database;
                Warehouse warehouse = new Warehouse(config);
                EmbeddingModel embeddings = EmbeddingModels.create(EmbeddingSettings.defaults());
                Connection connection = database.connect()) {
            AskEngine engine = new AskEngine(model, warehouse, embeddings, AskSettings.defaults());
            EvalReport report = new Evaluation(engine, connection).run(set);
            report.print(out);
            return report.wrongNumberRate() <= maxWrongRate ? 0 : 1;
        }
    }
}
