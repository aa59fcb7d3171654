package dev.trinoai.jobs.sample;

import java.util.List;
import java.util.Map;

import static dev.trinoai.jobs.sample.Category.CLOUD;
import static dev.trinoai.jobs.sample.Category.LABOR;
import static dev.trinoai.jobs.sample.Category.LICENSES;
import static dev.trinoai.jobs.sample.Category.VENDOR;

/**
 * Why a troubled project is over budget or behind schedule. The cause decides which cost categories carry the overrun
 * and which slot of the story names the specific culprit (the vendor, the cloud service...).
 */
enum Cause
{
    VENDOR_DELAY("vendor", true, true, Map.of(LABOR, 0.5, VENDOR, 0.5)),
    SCOPE_CHANGE("scope", true, true, Map.of(LABOR, 0.65, VENDOR, 0.2, CLOUD, 0.15)),
    STAFFING_SHORTAGE("role", true, true, Map.of(LABOR, 1.0)),
    CLOUD_COST_OVERRUN("cloudService", true, false, Map.of(CLOUD, 1.0)),
    LICENCE_TRUE_UP("product", true, false, Map.of(LICENSES, 1.0)),
    DEPENDENCY("team", false, true, Map.of());

    static final List<Cause> BUDGET_CAUSES = List.of(VENDOR_DELAY, SCOPE_CHANGE, STAFFING_SHORTAGE, CLOUD_COST_OVERRUN, LICENCE_TRUE_UP);
    static final List<Cause> SCHEDULE_CAUSES = List.of(VENDOR_DELAY, SCOPE_CHANGE, STAFFING_SHORTAGE, DEPENDENCY);

    private final String detailSlot;
    private final boolean costsMoney;
    private final boolean delaysWork;
    private final Map<Category, Double> overrunShares;

    Cause(String detailSlot, boolean costsMoney, boolean delaysWork, Map<Category, Double> overrunShares)
    {
        this.detailSlot = detailSlot;
        this.costsMoney = costsMoney;
        this.delaysWork = delaysWork;
        this.overrunShares = overrunShares;
    }

    /**
     * The story slot naming the specific culprit; every risk written for this cause mentions it.
     */
    String detailSlot()
    {
        return detailSlot;
    }

    boolean costsMoney()
    {
        return costsMoney;
    }

    boolean delaysWork()
    {
        return delaysWork;
    }

    /**
     * The cost category the overrun shows in most: on the projects it hits, a big line of the budget.
     */
    Category mainCategory()
    {
        return switch (this) {
            case VENDOR_DELAY -> VENDOR;
            case CLOUD_COST_OVERRUN -> CLOUD;
            case LICENCE_TRUE_UP -> LICENSES;
            case SCOPE_CHANGE, STAFFING_SHORTAGE, DEPENDENCY -> LABOR;
        };
    }

    /**
     * The part of the project's overrun that lands in a category.
     */
    double overrunShare(Category category)
    {
        return overrunShares.getOrDefault(category, 0.0);
    }
}
