package dev.trinoai.core.interpret;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slips of the keyboard are read as the word meant, and said; a word that could be two things, or a name, is left
 * for the coverage rule to decline.
 */
final class TestSpelling
{
    private static final Set<String> KNOWN = Set.of("variance", "this", "quarter", "spent", "the", "are", "apollo", "program", "incidents", "resolved", "cost", "cast");

    @Test
    void aSlipOneEditAwayFromOneKnownWordIsMendedAndSaid()
    {
        Spelling.Mended mended = Spelling.mend("apollo varaince thsi quater", "apollo varaince thsi quater", KNOWN, KNOWN);
        assertThat(mended.text()).isEqualTo("apollo variance this quarter");
        assertThat(mended.mended()).containsExactly("\"varaince\" as \"variance\"", "\"thsi\" as \"this\"", "\"quater\" as \"quarter\"");
        assertThat(Spelling.mend("how many incidents got resolvd", "how many incidents got resolvd", KNOWN, KNOWN).text()).isEqualTo("how many incidents got resolved");
        assertThat(Spelling.mend("which programs r over", "which programs r over", KNOWN, KNOWN).text()).isEqualTo("which programs are over");
    }

    @Test
    void namesShortWordsAndAmbiguousSlipsStayAsTyped()
    {
        // a capitalised word is a name: "Apolo" may be a program the caller may not see
        assertThat(Spelling.mend("Apolo spent", "apolo spent", KNOWN, KNOWN).text()).isEqualTo("apolo spent");
        // too short to tell a slip from another word
        assertThat(Spelling.mend("cist", "cist", KNOWN, KNOWN).text()).isEqualTo("cist");
        assertThat(Spelling.mend("the blockchain team", "the blockchain team", KNOWN, KNOWN).text()).isEqualTo("the blockchain team");
        // a plural of a known word is the stemmer's, not a slip
        assertThat(Spelling.mend("apollos", "apollos", KNOWN, KNOWN).mended()).isEmpty();
        // a real word one slip from a word that is known but no target stays, for the coverage rule to weigh
        assertThat(Spelling.mend("lagging", "lagging", Set.of("logging"), Set.of()).text()).isEqualTo("lagging");
    }

    @Test
    void editsCountASwapOfNeighboursAsOne()
    {
        assertThat(Spelling.distance("thsi", "this", 2)).isEqualTo(1);
        assertThat(Spelling.distance("quater", "quarter", 2)).isEqualTo(1);
        assertThat(Spelling.distance("kestrel", "juniper", 2)).isEqualTo(3);
    }
}
