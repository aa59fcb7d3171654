package dev.trinoai.jobs.embed;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits long texts into pieces the embedding model sees whole. A piece ends at a sentence boundary and the next one
 * starts with the sentence before it, so a thought split across two pieces is still found in one; a sentence longer
 * than a piece on its own is cut at word boundaries. The same text always gives the same pieces.
 */
public final class Chunker
{
    /**
     * About 200 word pieces of English, under the 256 tokens the local model reads before it cuts the rest off.
     */
    public static final int DEFAULT_MAX_CHARS = 800;

    private final int maxChars;

    public Chunker(int maxChars)
    {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1");
        }
        this.maxChars = maxChars;
    }

    public List<Chunk> chunks(TextRow row)
    {
        List<String> pieces = split(row.text());
        List<Chunk> chunks = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            chunks.add(new Chunk(row.source(), row.id(), i, row.title(), pieces.get(i), row.metadata()));
        }
        return chunks;
    }

    List<String> split(String text)
    {
        String trimmed = text.strip();
        if (trimmed.length() <= maxChars) {
            return List.of(trimmed);
        }
        List<String> sentences = sentences(trimmed);
        List<String> pieces = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int length = 0;
        for (String sentence : sentences) {
            if (!current.isEmpty() && length + 1 + sentence.length() > maxChars) {
                pieces.add(String.join(" ", current));
                String overlap = current.getLast();
                current.clear();
                length = 0;
                // the overlap only when it leaves room for the new sentence, so every piece moves on
                if (overlap.length() + 1 + sentence.length() <= maxChars) {
                    current.add(overlap);
                    length = overlap.length();
                }
            }
            length += (current.isEmpty() ? 0 : 1) + sentence.length();
            current.add(sentence);
        }
        pieces.add(String.join(" ", current));
        return pieces;
    }

    private List<String> sentences(String text)
    {
        // Locale.ROOT, not the machine's locale, so every machine splits alike
        BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ROOT);
        boundaries.setText(text);
        List<String> sentences = new ArrayList<>();
        int start = boundaries.first();
        for (int end = boundaries.next(); end != BreakIterator.DONE; start = end, end = boundaries.next()) {
            String sentence = text.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.addAll(sentence.length() <= maxChars ? List.of(sentence) : words(sentence));
            }
        }
        return sentences;
    }

    /**
     * A sentence too long for one piece, cut at the last space that fits (or mid-word when a word alone is too long).
     */
    private List<String> words(String sentence)
    {
        List<String> parts = new ArrayList<>();
        String rest = sentence;
        while (rest.length() > maxChars) {
            int cut = rest.lastIndexOf(' ', maxChars);
            if (cut <= 0) {
                cut = maxChars;
            }
            parts.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }
}
