package dev.trinoai.core;

/**
 * The statements the engine compiles for the access tests' questions over the sample as of 2026-11-25, with the row
 * filter ({@code %s}, over {@code pg}, the program) written by hand: what a restricted user's numbers must equal.
 * An ungrouped number's one row is labelled "none", as the tests label a number without dimensions.
 */
public final class RestrictedStatements
{
    /**
     * A budget line's plan to date over the sample as of 2026-11-25: November's plan prorated by 25 of its 30 days,
     * earlier months' whole (docs/metrics.md), in double precision as the engine binds the share.
     */
    public static final String PLAN_TO_DATE = "f.planned_usd * CASE WHEN f.month_key = 20261101 THEN (25.0 / 30)::double precision ELSE 1 END";

    /**
     * "What is the budget variance by program this quarter?"
     */
    public static final String VARIANCE_BY_PROGRAM_THIS_QUARTER = """
            SELECT pg.name, 100.0 * (sum(f.actual_usd) / NULLIF(sum(PLAN_TO_DATE) FILTER (WHERE f.actual_usd IS NOT NULL), 0) - 1)
            FROM star.fact_budget f
            JOIN star.dim_project pj ON pj.project_key = f.project_key
            JOIN star.dim_program pg ON pg.program_key = pj.program_key
            WHERE f.month_key BETWEEN 20261001 AND 20261231 AND %s
            GROUP BY pg.name
            """.replace("PLAN_TO_DATE", PLAN_TO_DATE);
    /**
     * "Which programs are over budget this quarter?"
     */
    public static final String OVER_BUDGET_THIS_QUARTER = VARIANCE_BY_PROGRAM_THIS_QUARTER + """
            HAVING sum(f.actual_usd) - sum(PLAN_TO_DATE) FILTER (WHERE f.actual_usd IS NOT NULL) > 0
            """.replace("PLAN_TO_DATE", PLAN_TO_DATE);
    /**
     * "What is the total actual spend this year?"
     */
    public static final String ACTUAL_SPEND_THIS_YEAR = """
            SELECT 'none', sum(f.actual_usd)
            FROM star.fact_budget f
            JOIN star.dim_project pj ON pj.project_key = f.project_key
            JOIN star.dim_program pg ON pg.program_key = pj.program_key
            WHERE f.month_key BETWEEN 20260101 AND 20261231 AND %s
            """;
    public static final String APOLLO = "pg.name = 'Apollo'";
    public static final String EVERYONE = "TRUE";

    private RestrictedStatements() {}
}
