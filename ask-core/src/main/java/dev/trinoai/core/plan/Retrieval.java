package dev.trinoai.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A search for the text that explains the numbers.
 *
 * @param sources text source names; empty for all
 * @param filters dimension name to values, matched against the chunks' metadata
 * @param time the period the text's dates must lie in, as a metric query states it; null for any time
 * @param followNumbers narrow the filters to the entities the metric queries singled out ("... and why?")
 * @param k how many citations; null for the catalog's default
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Retrieval(
        String text,
        List<String> sources,
        Map<String, List<String>> filters,
        String time,
        @JsonProperty("follow_numbers") boolean followNumbers,
        Integer k)
{
    public Retrieval
    {
        requireNonNull(text, "text is null");
        sources = sources == null ? List.of() : List.copyOf(sources);
        filters = filters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }
}
