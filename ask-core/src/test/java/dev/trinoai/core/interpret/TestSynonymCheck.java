package dev.trinoai.core.interpret;

import dev.trinoai.core.model.ModelProblem;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.model.TestingSemanticModels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The words of a model that a question could not tell apart, each named with its file and line.
 */
final class TestSynonymCheck
{
    @Test
    void theShippedModelHasNone()
    {
        assertThat(SynonymCheck.problems(SemanticModelLoader.load(TestingSemanticModels.SHIPPED))).isEmpty();
    }

    @Test
    void anAcronymThatAPluralReadsAsIsNamed()
    {
        // "does" stems to "doe": a question "how does Apollo stand" would be about the DOE
        var model = TestingSemanticModels.shippedEdited(yaml -> yaml.replace("synonyms: [portfolio, portfolios]", "synonyms: [portfolio, portfolios, DOE]"));
        assertThat(SynonymCheck.problems(model)).extracting(ModelProblem::toString).containsExactly(
                "edited ../etc/ai/semantic-model.yaml: line %d: the synonym 'DOE' of dimension portfolio reads as the English word 'does' (the interpreter makes 'doe' of both), so every question with 'does' in it would be about dimension portfolio: drop it, or use a longer phrase"
                        .formatted(model.dimension("portfolio").orElseThrow().line()));
    }

    @Test
    void aSynonymOfTwoMetricsIsNamedAtTheSecond()
    {
        var model = TestingSemanticModels.shippedEdited(yaml -> yaml.replace("synonyms: [velocity, velocities,", "synonyms: [velocity, burn rates, velocities,"));
        assertThat(SynonymCheck.problems(model)).extracting(ModelProblem::toString).containsExactly(
                "edited ../etc/ai/semantic-model.yaml: line %d: the synonym 'burn rates' of metric velocity is also a synonym of metric burn_rate (line %d): a question using it cannot tell them apart; keep it on one of them"
                        .formatted(model.metric("velocity").orElseThrow().line(), model.metric("burn_rate").orElseThrow().line()));
    }

    @Test
    void dimensionsOfTheSameTableMayNotShareASynonymButThoseOfTablesApartMay()
    {
        // "status" is the risk's or the milestone's, decided by the table asked about; a program's status and its portfolio share one
        var model = TestingSemanticModels.shippedEdited(yaml -> yaml.replace("synonyms: [portfolio, portfolios]", "synonyms: [portfolio, portfolios, program status]"));
        assertThat(SynonymCheck.problems(model)).extracting(ModelProblem::message).containsExactly(
                "the synonym 'program status' of dimension program_status is also a synonym of dimension portfolio (line %d): a question using it cannot tell them apart; keep it on one of them"
                        .formatted(model.dimension("portfolio").orElseThrow().line()));
    }
}
