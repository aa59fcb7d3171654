package dev.trinoai.core.model;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The shipped semantic model, and copies of it edited as text, for tests that must not depend on its names.
 */
public final class TestingSemanticModels
{
    public static final Path SHIPPED = Path.of("../etc/ai/semantic-model.yaml");
    /** A folder of further domains for the tests: delivery, over the sample's sprints. */
    public static final Path DOMAINS = Path.of("../ask-core/src/test/domains");

    private TestingSemanticModels() {}

    /**
     * The shipped model's YAML, edited, then loaded and checked like any model.
     */
    public static SemanticModel shippedEdited(UnaryOperator<String> edit)
    {
        try {
            return SemanticModelLoader.parse("edited " + SHIPPED, new StringReader(edit.apply(Files.readString(SHIPPED))));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The model with only the named text sources, in its own order: embedding all of the sample's text takes minutes
     * on a small machine, and the embed job treats every text source alike.
     */
    public static SemanticModel withTextSources(SemanticModel model, Set<String> names)
    {
        if (!model.textSources().keySet().containsAll(names)) {
            throw new IllegalArgumentException("%s has no text sources %s".formatted(model.source(), names));
        }
        Map<String, TextSource> sources = new LinkedHashMap<>(model.textSources());
        sources.keySet().retainAll(names);
        return new SemanticModel(model.source(), model.schema(), model.tables(), model.dimensions(), model.metrics(), sources, model.scorecard(), model.overBudget(), model.verifiedQuestions(), model.fiscalYear(), model.domain());
    }

    /**
     * The shipped model with its over-budget metrics named spend_variance (the amount) and overrun_share (the percentage).
     */
    public static SemanticModel overBudgetRenamed()
    {
        return shippedEdited(yaml -> yaml.replace("budget_variance_pct", "overrun_share").replace("budget_variance", "spend_variance"));
    }

    /**
     * The shipped model without its {@code over_budget} key.
     */
    public static SemanticModel withoutOverBudget()
    {
        return shippedEdited(yaml -> yaml.replaceAll("(?m)^over_budget:.*\\n", ""));
    }
}
