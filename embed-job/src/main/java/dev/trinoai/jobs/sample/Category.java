package dev.trinoai.jobs.sample;

/**
 * A cost category of the monthly budget lines.
 */
enum Category
{
    LABOR("labor"),
    VENDOR("vendor"),
    CLOUD("cloud"),
    LICENSES("licenses");

    private final String label;

    Category(String label)
    {
        this.label = label;
    }

    String label()
    {
        return label;
    }
}
