package dev.trinoai.core.interpret;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Mends the typing slips of a lower-cased question ("varaince", "thsi quater", "r") against the words the interpreter
 * knows, so that a slip is read as the word meant rather than declined. Only an unknown word with exactly one known
 * word one edit away (two, for a long word) is mended, and every mend is told in the answer: a word that could be
 * two things, or a name the data does not hold, stays as it was and the coverage rule declines it.
 */
final class Spelling
{
    private static final Pattern WORD = Pattern.compile("[a-z]+");
    private static final Pattern WORD_ANY_CASE = Pattern.compile("[A-Za-z]+");
    private static final Map<String, String> SHORTHAND = Map.ofEntries(
            Map.entry("r", "are"), Map.entry("u", "you"), Map.entry("ur", "your"), Map.entry("teh", "the"), Map.entry("hte", "the"),
            Map.entry("hav", "have"), Map.entry("wat", "what"), Map.entry("wht", "what"), Map.entry("abt", "about"), Map.entry("thru", "through"),
            Map.entry("yrs", "years"), Map.entry("mths", "months"), Map.entry("mth", "month"), Map.entry("wk", "week"), Map.entry("wks", "weeks"),
            Map.entry("avg", "average"), Map.entry("thsi", "this"), Map.entry("tihs", "this"), Map.entry("htis", "this"), Map.entry("taht", "that"),
            Map.entry("waht", "what"), Map.entry("hwo", "how"), Map.entry("fo", "of"), Map.entry("adn", "and"));
    private static final int MIN_LENGTH_ONE_EDIT = 5;
    private static final int MIN_LENGTH_TWO_EDITS = 9;

    /**
     * @param text the question as the interpreter reads it, mended
     * @param mended "the typed word" as "the word read", for the answer to say
     */
    record Mended(String text, List<String> mended)
    {
        Mended
        {
            requireNonNull(text, "text is null");
            mended = List.copyOf(mended);
        }
    }

    private Spelling() {}

    /**
     * @param question the question as asked: a word written with a capital is a name, and a name is never mended
     * @param text the question lower-cased, as the interpreter reads it
     * @param known the words left as they are
     * @param targets the words a slip may be read as: the known ones but those a real word is easily one slip from
     */
    static Mended mend(String question, String text, Set<String> known, Set<String> targets)
    {
        Set<String> names = new HashSet<>();
        Matcher asked = WORD_ANY_CASE.matcher(question);
        while (asked.find()) {
            if (Character.isUpperCase(asked.group().charAt(0))) {
                names.add(asked.group().toLowerCase(Locale.ROOT));
            }
        }
        Matcher matcher = WORD.matcher(text);
        StringBuilder mendedText = new StringBuilder();
        List<String> mended = new ArrayList<>();
        while (matcher.find()) {
            String word = matcher.group();
            String meant = known.contains(word) || names.contains(word) ? word : SHORTHAND.getOrDefault(word, nearest(word, targets));
            if (!meant.equals(word)) {
                mended.add("\"%s\" as \"%s\"".formatted(word, meant));
            }
            matcher.appendReplacement(mendedText, meant);
        }
        matcher.appendTail(mendedText);
        return new Mended(mendedText.toString(), mended);
    }

    private static String nearest(String word, Set<String> known)
    {
        if (word.length() < MIN_LENGTH_ONE_EDIT || isPlural(word, known)) {
            return word;
        }
        int allowed = word.length() >= MIN_LENGTH_TWO_EDITS ? 2 : 1;
        int bestDistance = allowed + 1;
        List<String> best = new ArrayList<>();
        for (String candidate : known) {
            if (Math.abs(candidate.length() - word.length()) > allowed || candidate.length() < MIN_LENGTH_ONE_EDIT - 1) {
                continue;
            }
            int distance = distance(word, candidate, allowed);
            if (distance < bestDistance) {
                best.clear();
                bestDistance = distance;
            }
            if (distance == bestDistance) {
                best.add(candidate);
            }
        }
        // "programm" is as near "program" as "programs": one word either way, read as the shorter
        return !best.isEmpty() && best.stream().map(Words::stem).distinct().count() == 1
                ? best.stream().min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder())).orElseThrow()
                : word;
    }

    // "apollos" is a possessive without its apostrophe, read by the stemmer: not a slip
    private static boolean isPlural(String word, Set<String> known)
    {
        return word.endsWith("s") && known.contains(word.substring(0, word.length() - 1));
    }

    /**
     * Edits between two words, a swap of neighbours counting one (optimal string alignment); past the limit, the
     * limit plus one.
     */
    static int distance(String a, String b, int limit)
    {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
                rowMin = Math.min(rowMin, d[i][j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
        }
        return d[a.length()][b.length()];
    }
}
