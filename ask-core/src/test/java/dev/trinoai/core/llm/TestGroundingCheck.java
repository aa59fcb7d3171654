package dev.trinoai.core.llm;

import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.plan.Comparison;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.retrieve.Citation;
import dev.trinoai.core.sql.MetricResult;
import dev.trinoai.core.sql.SqlCompiler;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

final class TestGroundingCheck
{
    static final SemanticModel MODEL = SemanticModelLoader.load(Path.of("../etc/ai/semantic-model.yaml"));
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);
    static final String QUESTION = "Which programs are over budget this quarter, and why?";

    static final List<MetricResult> RESULTS = List.of(
            result(new MetricQuery("budget_variance_pct", List.of("program"), Map.of(), "this quarter", new Comparison(">", 0), "desc", null),
                    new MetricResult.Row(List.of("Apollo"), 12.3456), new MetricResult.Row(List.of("Falcon"), 3.21)),
            result(new MetricQuery("budget_variance", List.of("project"), Map.of(), "this quarter", null, "desc", null),
                    new MetricResult.Row(List.of("Mobile App 4.0"), 1_234_567), new MetricResult.Row(List.of("Data Lake Migration"), -5_000)));
    static final List<Citation> CITATIONS = List.of(
            new Citation("risk", "R-0142", "Vendor delay", "The vendor slipped by 6 weeks.", Map.of("program", "Apollo"), 0.9));

    static MetricResult result(MetricQuery query, MetricResult.Row... rows)
    {
        return new MetricResult(new SqlCompiler(MODEL).compile(query, AS_OF, 1000, AccessScope.ALL), List.of(rows), false);
    }

    private static List<String> unmatched(String narrative)
    {
        return GroundingCheck.unmatched(narrative, QUESTION, RESULTS, CITATIONS);
    }

    @Test
    void numbersAsSqlReturnedThemPass()
    {
        assertThat(unmatched("Apollo is 12.3% over budget [1] and Falcon 3.2% [1, 2]; 2 programs are over in 2026-Q4.")).isEmpty();
        assertThat(unmatched("Mobile App 4.0 is $1.2M over budget ($1,234,567), Data Lake Migration $5,000 under, 12% and 1.23 million.")).isEmpty();
        assertThat(unmatched("Apollo's overrun of 12.35 percent leads; see risk R-0142, due in Q3 and FY26 (2026-10-01).")).isEmpty();
    }

    @Test
    void numbersNoQueryReturnedAreFlagged()
    {
        assertThat(unmatched("Apollo is 42% over budget, up from 12.3%, and costs rose $2.5M; the vendor slipped 6 weeks [1]."))
                .containsExactly("42%", "$2.5M", "6");
        assertThat(unmatched("Falcon is 3.3% over.")).containsExactly("3.3%");
    }
}
