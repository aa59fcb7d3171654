package dev.trinoai.core.interpret;

/**
 * A word of a question: its text, its stem (for matching plurals) and where it stands in the normalised text.
 */
public record Token(String text, String stem, int start, int end) {}
