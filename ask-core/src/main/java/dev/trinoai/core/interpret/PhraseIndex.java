package dev.trinoai.core.interpret;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Phrases (sequences of stems) that stand for things: metrics, dimensions, dimension values. Finds them in a question,
 * longest first, each word used once.
 */
public final class PhraseIndex<T>
{
    /**
     * A phrase found at tokens [start, end), and every thing it stands for.
     */
    public record Match<T>(int start, int end, List<T> things) {}

    private final Map<List<String>, Set<T>> phrases = new HashMap<>();
    private final Map<String, Set<List<String>>> byWord = new HashMap<>();
    private int longest;

    public void add(String phrase, T thing)
    {
        List<String> stems = Words.stems(phrase);
        if (stems.isEmpty()) {
            return;
        }
        phrases.computeIfAbsent(stems, key -> new LinkedHashSet<>()).add(thing);
        stems.forEach(stem -> byWord.computeIfAbsent(stem, key -> new LinkedHashSet<>()).add(stems));
        longest = Math.max(longest, stems.size());
    }

    public boolean knows(String phrase)
    {
        return phrases.containsKey(Words.stems(phrase));
    }

    /**
     * The phrases in the tokens not yet used, longest first; marks their tokens used.
     */
    public List<Match<T>> find(List<Token> tokens, boolean[] used)
    {
        List<Match<T>> matches = new ArrayList<>();
        for (int length = Math.min(longest, tokens.size()); length >= 1; length--) {
            for (int start = 0; start + length <= tokens.size(); start++) {
                if (isUsed(used, start, start + length)) {
                    continue;
                }
                List<String> key = tokens.subList(start, start + length).stream().map(Token::stem).toList();
                Set<T> things = phrases.get(key);
                if (things != null) {
                    matches.add(new Match<>(start, start + length, List.copyOf(things)));
                    for (int i = start; i < start + length; i++) {
                        used[i] = true;
                    }
                }
            }
        }
        matches.sort(Comparator.comparingInt(Match::start));
        return matches;
    }

    /**
     * The things whose phrase contains every one of these words, for a name given in part ("the Ledger project" for
     * "Ledger modernisation").
     */
    public Set<T> containing(List<String> stems)
    {
        Set<T> found = new LinkedHashSet<>();
        Set<List<String>> candidates = byWord.getOrDefault(stems.getFirst(), Set.of());
        for (List<String> phrase : candidates) {
            if (phrase.containsAll(stems)) {
                found.addAll(phrases.get(phrase));
            }
        }
        return found;
    }

    private static boolean isUsed(boolean[] used, int from, int to)
    {
        for (int i = from; i < to; i++) {
            if (used[i]) {
                return true;
            }
        }
        return false;
    }
}
