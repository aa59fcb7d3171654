package dev.trinoai.core;

/**
 * Why a question could not be answered. Each kind says whose move it is: the user's, or an operator's.
 * The connector maps these to Trino error codes.
 */
public enum AskFailure
{
    /** The question itself is unusable (empty, too long): the user must rephrase. */
    INVALID_QUESTION,
    /** PostgreSQL cannot be reached or refused the login: an operator must fix the server or the catalog file. */
    DATABASE_UNAVAILABLE,
    /** The database answers but lacks what the product needs (pgvector, a schema): an operator must run the set-up. */
    DATABASE_NOT_READY,
    /** The answer took longer than the configured limit. */
    TIMEOUT,
    /** The caller may not see what the question needs (no access rule, or a measure that cannot be limited to their rows). */
    ACCESS_DENIED,
    /** One query asked more different questions than the catalog allows: the user must ask fewer, or an operator raise the limit. */
    TOO_MANY_QUESTIONS,
}
