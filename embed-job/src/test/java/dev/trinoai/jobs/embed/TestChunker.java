package dev.trinoai.jobs.embed;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

final class TestChunker
{
    private static final String SHORT = "The vendor slipped. Actuals run 35% over plan.";

    @Test
    void aShortTextIsOneChunk()
    {
        List<Chunk> chunks = new Chunker(800).chunks(row(SHORT));
        assertThat(chunks).singleElement().satisfies(chunk -> {
            assertThat(chunk.content()).isEqualTo(SHORT);
            assertThat(chunk.number()).isZero();
            assertThat(chunk.key()).isEqualTo(new Chunk.Key("risk", "R-0001", 0));
        });
    }

    @Test
    void longTextsEndAtSentenceBoundariesAndOverlapByOneSentence()
    {
        String text = sentences(12);
        List<String> pieces = new Chunker(100).split(text);

        assertThat(pieces).hasSizeGreaterThan(2).allSatisfy(piece -> {
            assertThat(piece.length()).isLessThanOrEqualTo(100);
            assertThat(piece).startsWith("Sentence").endsWith(".");
        });
        for (int i = 1; i < pieces.size(); i++) {
            List<String> previous = split(pieces.get(i - 1));
            assertThat(split(pieces.get(i)).getFirst()).isEqualTo(previous.getLast());
        }
        // every sentence is in some piece, in order, none lost
        assertThat(pieces.stream().flatMap(piece -> split(piece).stream()).distinct().toList()).isEqualTo(split(text));
    }

    @Test
    void anOverLongSentenceIsCutAtWordBoundaries()
    {
        String longSentence = IntStream.range(0, 60).mapToObj(i -> "word" + i).collect(Collectors.joining(" ")) + ".";
        List<String> pieces = new Chunker(100).split("Short start. " + longSentence + " Short end.");

        assertThat(pieces).hasSizeGreaterThan(3).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(100));
        // no word is cut in two
        assertThat(String.join(" ", pieces).split(" ")).allSatisfy(word -> assertThat(word).matches("word\\d+\\.?|Short|start\\.|end\\."));
        assertThat(pieces.getFirst()).startsWith("Short start.");
        assertThat(pieces.getLast()).endsWith("Short end.");
    }

    @Test
    void aWordLongerThanAChunkIsCutAnyway()
    {
        assertThat(new Chunker(10).split("x".repeat(25) + ".")).containsExactly("x".repeat(10), "x".repeat(10), "xxxxx.");
    }

    @Test
    void everyChunkKeepsItsSourceIdNumberTitleAndMetadata()
    {
        List<Chunk> chunks = new Chunker(100).chunks(row(sentences(12)));

        assertThat(chunks).hasSizeGreaterThan(2);
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            assertThat(chunk.key()).isEqualTo(new Chunk.Key("risk", "R-0001", i));
            assertThat(chunk.title()).isEqualTo("Vendor slippage");
            assertThat(chunk.metadata()).containsEntry("program", "Apollo");
            assertThat(chunk.embeddingText()).startsWith("Vendor slippage\n\n");
        }
    }

    @Test
    void theSameTextAlwaysGivesTheSameChunksAndHashes()
    {
        Chunker chunker = new Chunker(100);
        List<Chunk> first = chunker.chunks(row(sentences(12)));
        List<Chunk> second = new Chunker(100).chunks(row(sentences(12)));

        assertThat(second).isEqualTo(first);
        assertThat(second.stream().map(chunk -> chunk.contentHash("m")).toList()).isEqualTo(first.stream().map(chunk -> chunk.contentHash("m")).toList());
        // the hash follows the model, the text and the metadata
        Chunk chunk = first.getFirst();
        assertThat(chunk.contentHash("other")).isNotEqualTo(chunk.contentHash("m"));
        assertThat(new Chunk("risk", "R-0001", 0, chunk.title(), chunk.content(), Map.of("program", "Borealis")).contentHash("m")).isNotEqualTo(chunk.contentHash("m"));
        // the text hash only follows what the model embeds
        assertThat(new Chunk("risk", "R-9999", 0, chunk.title(), chunk.content(), Map.of()).textHash()).isEqualTo(chunk.textHash());
    }

    private static TextRow row(String text)
    {
        return new TextRow("risk", "R-0001", "Vendor slippage", text, Map.of("program", "Apollo", "date", "2026-03-04"));
    }

    private static String sentences(int count)
    {
        return IntStream.range(0, count).mapToObj(i -> "Sentence %d says something about the vendor.".formatted(i)).collect(Collectors.joining(" "));
    }

    private static List<String> split(String text)
    {
        return List.of(text.split("(?<=\\.) "));
    }
}
