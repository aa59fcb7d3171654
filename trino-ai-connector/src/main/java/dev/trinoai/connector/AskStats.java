package dev.trinoai.connector;

import io.airlift.stats.CounterStat;
import io.airlift.stats.TimeStat;
import org.weakref.jmx.Managed;
import org.weakref.jmx.Nested;

import java.util.EnumMap;
import java.util.Map;

import static dev.trinoai.connector.AiErrorCode.AI_ACCESS_DENIED;
import static dev.trinoai.connector.AiErrorCode.AI_DATABASE_NOT_READY;
import static dev.trinoai.connector.AiErrorCode.AI_DATABASE_UNAVAILABLE;
import static dev.trinoai.connector.AiErrorCode.AI_INTERNAL_ERROR;
import static dev.trinoai.connector.AiErrorCode.AI_INVALID_QUESTION;
import static dev.trinoai.connector.AiErrorCode.AI_TIMEOUT;
import static dev.trinoai.connector.AiErrorCode.AI_TOO_MANY_QUESTIONS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;

/**
 * The questions this catalog's node answered and how each ended, for the {@code jmx} catalog. Every question asked
 * ends once: answered, declined, failed (by its error code) or abandoned by a reader that stopped reading; until then
 * it counts only as asked.
 */
public final class AskStats
{
    private final CounterStat asked = new CounterStat();
    private final CounterStat answered = new CounterStat();
    private final CounterStat verifiedAnswers = new CounterStat();
    private final CounterStat declined = new CounterStat();
    private final CounterStat coverageDeclines = new CounterStat();
    private final CounterStat abandoned = new CounterStat();
    private final CounterStat failed = new CounterStat();
    private final Map<AiErrorCode, CounterStat> failures = new EnumMap<>(AiErrorCode.class);
    private final TimeStat questionTime = new TimeStat(MILLISECONDS);
    private final TimeStat statementTime = new TimeStat(MILLISECONDS);
    private final TimeStat retrievalTime = new TimeStat(MILLISECONDS);

    public AskStats()
    {
        for (AiErrorCode code : AiErrorCode.values()) {
            failures.put(code, new CounterStat());
        }
    }

    void asked()
    {
        asked.update(1);
    }

    void answered(boolean verified, long nanos)
    {
        answered.update(1);
        if (verified) {
            verifiedAnswers.update(1);
        }
        questionTime.addNanos(nanos);
    }

    void declined(boolean coverage, long nanos)
    {
        declined.update(1);
        if (coverage) {
            coverageDeclines.update(1);
        }
        questionTime.addNanos(nanos);
    }

    void failed(AiErrorCode code, long nanos)
    {
        failed.update(1);
        failures.get(code).update(1);
        questionTime.addNanos(nanos);
    }

    void abandoned(long nanos)
    {
        abandoned.update(1);
        questionTime.addNanos(nanos);
    }

    void statement(long nanos)
    {
        statementTime.addNanos(nanos);
    }

    void retrieval(long nanos)
    {
        retrievalTime.addNanos(nanos);
    }

    @Managed
    @Nested
    public CounterStat getAsked()
    {
        return asked;
    }

    @Managed
    @Nested
    public CounterStat getAnswered()
    {
        return answered;
    }

    @Managed(description = "Answers that followed the plan of a verified question")
    @Nested
    public CounterStat getVerifiedAnswers()
    {
        return verifiedAnswers;
    }

    @Managed
    @Nested
    public CounterStat getDeclined()
    {
        return declined;
    }

    @Managed(description = "Declines because a word of the question was left over that could change the number")
    @Nested
    public CounterStat getCoverageDeclines()
    {
        return coverageDeclines;
    }

    @Managed(description = "Answers stopped because nobody read them for ai.ask.idle-timeout")
    @Nested
    public CounterStat getAbandoned()
    {
        return abandoned;
    }

    @Managed
    @Nested
    public CounterStat getFailed()
    {
        return failed;
    }

    @Managed
    @Nested
    public CounterStat getFailedInvalidQuestion()
    {
        return failures.get(AI_INVALID_QUESTION);
    }

    @Managed
    @Nested
    public CounterStat getFailedDatabaseUnavailable()
    {
        return failures.get(AI_DATABASE_UNAVAILABLE);
    }

    @Managed
    @Nested
    public CounterStat getFailedDatabaseNotReady()
    {
        return failures.get(AI_DATABASE_NOT_READY);
    }

    @Managed(description = "Failures past ai.ask.timeout or a statement's timeout")
    @Nested
    public CounterStat getFailedTimeout()
    {
        return failures.get(AI_TIMEOUT);
    }

    @Managed
    @Nested
    public CounterStat getFailedAccessDenied()
    {
        return failures.get(AI_ACCESS_DENIED);
    }

    @Managed
    @Nested
    public CounterStat getFailedTooManyQuestions()
    {
        return failures.get(AI_TOO_MANY_QUESTIONS);
    }

    @Managed
    @Nested
    public CounterStat getFailedInternalError()
    {
        return failures.get(AI_INTERNAL_ERROR);
    }

    @Managed(description = "From the start of a question to its end, whatever the end")
    @Nested
    public TimeStat getQuestionTime()
    {
        return questionTime;
    }

    @Managed(description = "One SQL statement against the warehouse")
    @Nested
    public TimeStat getStatementTime()
    {
        return statementTime;
    }

    @Managed(description = "One search of the text, its embedding included")
    @Nested
    public TimeStat getRetrievalTime()
    {
        return retrievalTime;
    }
}
