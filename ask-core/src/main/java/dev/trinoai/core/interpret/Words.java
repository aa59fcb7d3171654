package dev.trinoai.core.interpret;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises questions, synonyms and data values the same way, so they can be matched word by word.
 */
public final class Words
{
    private static final Pattern WORD = Pattern.compile("[a-z0-9]+(?:\\.[0-9]+)?|[%$]");

    private Words() {}

    public static String normalize(String text)
    {
        return text.toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201c', '"').replace('\u201d', '"')
                .replace('\u2013', '-').replace('\u2014', '-')
                .replaceAll("\\s+", " ")
                .strip();
    }

    public static List<Token> tokens(String normalized)
    {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = WORD.matcher(normalized);
        while (matcher.find()) {
            tokens.add(new Token(matcher.group(), stem(matcher.group()), matcher.start(), matcher.end()));
        }
        return tokens;
    }

    public static List<String> stems(String text)
    {
        return tokens(normalize(text)).stream().map(Token::stem).toList();
    }

    /**
     * Plural to singular, crudely but the same way on both sides of a match.
     */
    static String stem(String word)
    {
        // "P1s", "SEV2s"
        if (word.matches("[a-z]+\\d+s")) {
            return word.substring(0, word.length() - 1);
        }
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
