package dev.trinoai.core.retrieve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion of ranked lists of chunks: a chunk scores the sum of {@code 1 / (RRF_K + rank)} over the
 * lists it is in, and a source row is cited once, by its best chunk. {@link PgvectorRetriever} computes the same in
 * SQL; a backend whose lists arrive separately fuses them here.
 */
public final class RankFusion
{
    /** The usual constant of reciprocal rank fusion: ranks past the first few weigh little. */
    public static final int RRF_K = 60;
    /** How many chunks each list contributes before fusion. */
    public static final int CANDIDATES = 40;

    private RankFusion() {}

    /**
     * A chunk of a ranked list, with what its citation shows.
     */
    public record Ranked(String source, String sourceId, int chunk, String title, String snippet, Map<String, String> metadata) {}

    /**
     * @param lists each list best first
     * @return at most {@code k} citations, the highest score first, ties by source and id
     */
    public static List<Citation> fuse(List<List<Ranked>> lists, int k)
    {
        record Key(String source, String sourceId, int chunk) {}
        Map<Key, Double> scores = new LinkedHashMap<>();
        Map<Key, Ranked> chunks = new HashMap<>();
        for (List<Ranked> list : lists) {
            for (int i = 0; i < list.size(); i++) {
                Ranked ranked = list.get(i);
                Key key = new Key(ranked.source(), ranked.sourceId(), ranked.chunk());
                scores.merge(key, 1.0 / (RRF_K + i + 1), Double::sum);
                chunks.putIfAbsent(key, ranked);
            }
        }
        Map<String, Citation> best = new HashMap<>();
        scores.forEach((key, score) -> {
            Ranked chunk = chunks.get(key);
            Citation citation = new Citation(chunk.source(), chunk.sourceId(), chunk.title(), chunk.snippet(), chunk.metadata(), score);
            best.merge(citation.id(), citation, (left, right) -> right.score() > left.score() ? right : left);
        });
        List<Citation> citations = new ArrayList<>(best.values());
        citations.sort(Comparator.comparingDouble(Citation::score).reversed().thenComparing(Citation::source).thenComparing(Citation::sourceId));
        return List.copyOf(citations.subList(0, Math.min(k, citations.size())));
    }
}
