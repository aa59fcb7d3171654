package dev.trinoai.core.retrieve;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Which chunks a search may return.
 *
 * @param sources text source names; empty for all
 * @param filters metadata key to the values kept, for every source
 * @param sourceFilters per source, metadata key to the values kept for that source only (the rows still current)
 * @param from with {@code to}: only chunks whose {@code date} metadata lies in the period
 * @param access the caller's row access, when limited: per source, metadata key to the values they may see; a source
 *     not in it is not searched at all, so an empty map finds nothing
 */
public record SearchScope(
        List<String> sources,
        Map<String, List<String>> filters,
        Map<String, Map<String, List<String>>> sourceFilters,
        Optional<LocalDate> from,
        Optional<LocalDate> to,
        Optional<Map<String, Map<String, List<String>>>> access)
{
    public SearchScope
    {
        sources = List.copyOf(sources);
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
        sourceFilters = Collections.unmodifiableMap(new LinkedHashMap<>(sourceFilters));
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        access = access.map(Map::copyOf);
    }

    public static SearchScope of(List<String> sources, Map<String, List<String>> filters)
    {
        return new SearchScope(sources, filters, Map.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
