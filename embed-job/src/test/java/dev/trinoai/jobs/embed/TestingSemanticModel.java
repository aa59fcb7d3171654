package dev.trinoai.jobs.embed;

import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.model.TextSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The project's semantic model with only the risks and OKRs as text sources (377 texts in the seed-42 sample): its
 * 3,000 incident summaries would make every embedding test take a minute, and the embed job treats every text source
 * alike.
 */
public final class TestingSemanticModel
{
    private TestingSemanticModel() {}

    public static SemanticModel risksAndOkrs()
    {
        SemanticModel full = SemanticModelLoader.load(Path.of("../etc/ai/semantic-model.yaml"));
        Map<String, TextSource> sources = new LinkedHashMap<>();
        sources.put("risk", full.textSources().get("risk"));
        sources.put("okr", full.textSources().get("okr"));
        return new SemanticModel(full.source(), full.schema(), full.tables(), full.dimensions(), full.metrics(), sources, full.scorecard(), full.overBudget(), full.verifiedQuestions());
    }
}
