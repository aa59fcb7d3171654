package dev.trinoai.jobs.sample;

import static java.util.Objects.requireNonNull;

/**
 * A kind of incident as templates: its title and the what-happened, root-cause and fix sentences of its summary.
 */
record IncidentKind(String title, String what, String rootCause, String fix)
{
    IncidentKind
    {
        requireNonNull(title, "title is null");
        requireNonNull(what, "what is null");
        requireNonNull(rootCause, "rootCause is null");
        requireNonNull(fix, "fix is null");
    }
}
