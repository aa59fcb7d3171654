package dev.trinoai.core.interpret;

import java.util.List;
import java.util.Set;

/**
 * English words that carry no part of a number's meaning: articles, pronouns, auxiliaries, prepositions, politeness
 * and the verbs of asking. A word of the question that is neither one of these nor accounted for by the plan could
 * change the number, so the interpreter declines rather than ignore it. Words that do change a number ("not",
 * "closed", "median", "late", "without") must never be added here.
 */
final class FunctionWords
{
    private static final Set<String> WORDS = Set.copyOf(List.of(
            // articles, determiners, pronouns
            "a", "an", "the", "this", "that", "these", "those", "it", "its", "they", "them", "their", "theirs", "we", "us", "our", "ours",
            "i", "me", "my", "mine", "you", "your", "yours", "he", "she", "his", "her", "one", "ones", "there", "here", "any", "some", "all",
            "each", "every", "both", "either", "whole", "entire", "s", "whatever",
            // auxiliaries and copulas
            "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "doing", "have", "has", "had", "having",
            "can", "could", "would", "should", "will", "shall", "may", "might", "must", "isn", "aren", "wasn", "weren", "don", "didn", "doesn",
            "ve", "re", "ll", "d", "m",
            // question words and conjunctions
            "what", "which", "who", "whom", "whose", "how", "where", "when", "why", "whats", "hows", "and", "or", "but", "so",
            "then", "than", "as", "if", "also", "too",
            // prepositions
            "of", "in", "on", "at", "for", "to", "from", "by", "with", "about", "into", "onto", "over", "under", "across", "among", "amongst",
            "per", "within", "through", "throughout", "during", "up", "down", "out", "off", "around", "vs", "versus", "against", "between", "via",
            // asking and politeness
            "please", "pls", "plz", "kindly", "thanks", "thank", "thx", "hi", "hey", "hello", "ok", "okay", "quick", "quickly", "question",
            "tell", "show", "give", "get", "got", "see", "know", "let", "lets", "want", "wanted", "need", "needed", "like", "love",
            "look", "looking", "looks", "check", "pull", "list", "share", "provide", "report", "find", "display", "fetch", "bring",
            "taken", "wondering", "wonder", "curious", "interested", "help", "able", "possible", "mind", "just", "only", "really", "actually",
            "exactly", "roughly", "approximately", "approx", "basically", "currently", "now", "right",
            "far", "yet", "still", "again", "anyway", "everyone", "everybody", "folks", "guys",
            // the small talk around a question
            "good", "morning", "afternoon", "evening", "hope", "hoping", "well", "very", "grateful", "appreciate", "appreciated", "advance",
            "sorry", "bother", "moment", "kind", "telling", "letting", "work", "working", "prepare", "preparing", "pack", "deck", "meeting",
            "review", "steering", "committee", "board", "executive", "exec", "execs", "leadership", "update", "ever", "great", "cheers", "team's", "quick", "asap", "urgent", "urgently", "boss",
            // units a question may ask the number in; the measure decides the unit
            "dollar", "dollars", "usd", "hour", "hours", "terms", "time", "whether", "trouble",
            // what a question asks for
            "number", "numbers", "figure", "figures", "data", "stat", "stats", "metric", "metrics", "kpi", "kpis", "value", "values",
            "amount", "level", "levels", "info", "information", "picture", "view", "summary", "breakdown", "break", "broken", "split",
            "grouped", "group", "sorted", "sort", "ranked", "rank", "ranking", "order", "ordered", "compare", "compared", "comparison",
            "comparing", "side", "overall", "current", "latest", "stand", "stands", "standing", "things", "everything",
            "rate", "ratio", "count", "total", "sum", "dollars", "usd", "$", "%", "percent", "percentage", "pct",
            "many", "much", "lot", "lots", "seeing", "seen",
            "come", "came", "coming", "end", "ending", "ended", "until", "till", "wise", "terms", "term", "money", "along", "go", "goes",
            "went", "gone", "terms"));

    // verbs of having and handling: "the programs carrying risks", "incidents the team handled". Real words sit one
    // slip away from them ("lagging" from "logging"), so a slip is never mended into one of these
    private static final Set<String> HANDLING = Set.of(
            "carry", "carrying", "carries", "carried", "hold", "holding", "holds", "handle", "handled", "handling", "deal", "dealt",
            "experience", "experienced", "experiencing", "log", "logged", "logging", "record", "recorded", "register", "registered", "see", "saw",
            "face", "facing", "faced", "run", "running", "manage", "managed");

    private FunctionWords() {}

    static boolean contains(String word)
    {
        return WORDS.contains(word) || HANDLING.contains(word);
    }

    /**
     * The function words a typing slip may be read as.
     */
    static Set<String> mendable()
    {
        return WORDS;
    }

    static Set<String> handling()
    {
        return HANDLING;
    }
}
