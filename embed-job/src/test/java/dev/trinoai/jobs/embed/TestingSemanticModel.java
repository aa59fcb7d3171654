package dev.trinoai.jobs.embed;

import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;

import java.util.Set;

import static dev.trinoai.core.model.TestingSemanticModels.SHIPPED;
import static dev.trinoai.core.model.TestingSemanticModels.withTextSources;

/**
 * The project's semantic model with only the risks and OKRs as text sources (377 texts in the seed-42 sample): its
 * 3,000 incident summaries would make every embedding test take a minute.
 */
public final class TestingSemanticModel
{
    private TestingSemanticModel() {}

    public static SemanticModel risksAndOkrs()
    {
        return withTextSources(SemanticModelLoader.load(SHIPPED), Set.of("risk", "okr"));
    }
}
