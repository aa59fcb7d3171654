package dev.trinoai.core.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The uncased BERT WordPiece tokenizer of a Hugging Face {@code tokenizer.json}: lower-case, accents stripped,
 * split on white space and punctuation, longest-match-first word pieces, {@code [CLS] ... [SEP]}.
 */
final class BertTokenizer
{
    private static final String CONTINUATION = "##";
    private static final int MAX_WORD_CHARS = 100;

    private final Map<String, Integer> vocabulary;
    private final int unknown;
    private final int classify;
    private final int separator;

    private BertTokenizer(Map<String, Integer> vocabulary)
    {
        this.vocabulary = Map.copyOf(requireNonNull(vocabulary, "vocabulary is null"));
        this.unknown = id("[UNK]");
        this.classify = id("[CLS]");
        this.separator = id("[SEP]");
    }

    static BertTokenizer load(InputStream tokenizerJson)
            throws IOException
    {
        JsonNode model = new ObjectMapper().readTree(tokenizerJson).path("model");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new IOException("not a WordPiece tokenizer: " + model.path("type").asText());
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        model.path("vocab").properties().forEach(entry -> vocabulary.put(entry.getKey(), entry.getValue().asInt()));
        return new BertTokenizer(vocabulary);
    }

    /**
     * Token ids with {@code [CLS]} first and {@code [SEP]} last, at most {@code maxTokens} in all (the tail is cut).
     */
    long[] encode(String text, int maxTokens)
    {
        List<Integer> ids = new ArrayList<>();
        ids.add(classify);
        for (String word : words(text)) {
            if (ids.size() >= maxTokens - 1) {
                break;
            }
            wordPieces(word, ids);
        }
        List<Integer> kept = ids.size() > maxTokens - 1 ? ids.subList(0, maxTokens - 1) : ids;
        long[] result = new long[kept.size() + 1];
        for (int i = 0; i < kept.size(); i++) {
            result[i] = kept.get(i);
        }
        result[kept.size()] = separator;
        return result;
    }

    private int id(String token)
    {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new IllegalStateException("the vocabulary has no " + token);
        }
        return id;
    }

    private static List<String> words(String text)
    {
        String normalized = Normalizer.normalize(text.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < normalized.length(); ) {
            int c = normalized.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || c == 0 || c == 0xFFFD || (Character.isISOControl(c) && !Character.isWhitespace(c))) {
                continue;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                flush(word, words);
            }
            else if (isPunctuation(c) || isCjk(c)) {
                flush(word, words);
                words.add(new String(Character.toChars(c)));
            }
            else {
                word.appendCodePoint(c);
            }
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words)
    {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private void wordPieces(String word, List<Integer> ids)
    {
        if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
            ids.add(unknown);
            return;
        }
        List<Integer> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer found = null;
            while (end > start) {
                String piece = (start > 0 ? CONTINUATION : "") + word.substring(start, end);
                found = vocabulary.get(piece);
                if (found != null) {
                    break;
                }
                end--;
            }
            if (found == null) {
                ids.add(unknown);
                return;
            }
            pieces.add(found);
            start = end;
        }
        ids.addAll(pieces);
    }

    // BERT counts every ASCII symbol as punctuation, "$" and "^" included, as well as Unicode punctuation.
    private static boolean isPunctuation(int c)
    {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    private static boolean isCjk(int c)
    {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
