package dev.trinoai.connector;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.units.Duration;
import io.airlift.units.MinDuration;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;
import java.util.Optional;

import static java.util.concurrent.TimeUnit.MINUTES;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * Limits on answering one question.
 */
public class AskConfig
{
    private int maxQuestionLength = 2000;
    private Duration timeout = new Duration(2, MINUTES);
    private Duration idleTimeout = new Duration(30, SECONDS);
    private int maxConcurrentQuestions = 8;
    private Duration statementTimeout = new Duration(30, SECONDS);
    private int maxRows = 1000;
    private int citations = 5;
    private double verifiedSimilarity = 0.75;
    private Optional<LocalDate> referenceDate = Optional.empty();

    @Min(1)
    @Max(100_000)
    public int getMaxQuestionLength()
    {
        return maxQuestionLength;
    }

    @Config("ai.ask.max-question-length")
    @ConfigDescription("Longest question accepted, in characters")
    public AskConfig setMaxQuestionLength(int maxQuestionLength)
    {
        this.maxQuestionLength = maxQuestionLength;
        return this;
    }

    @NotNull
    @MinDuration("1s")
    public Duration getTimeout()
    {
        return timeout;
    }

    @Config("ai.ask.timeout")
    @ConfigDescription("Longest time one question may take from start to last row")
    public AskConfig setTimeout(Duration timeout)
    {
        this.timeout = timeout;
        return this;
    }

    @NotNull
    @MinDuration("1s")
    public Duration getIdleTimeout()
    {
        return idleTimeout;
    }

    @Config("ai.ask.idle-timeout")
    @ConfigDescription("An answer nobody has read for this long is abandoned (Trino 476 does not tell a table function that its query was cancelled)")
    public AskConfig setIdleTimeout(Duration idleTimeout)
    {
        this.idleTimeout = idleTimeout;
        return this;
    }

    @Min(1)
    @Max(256)
    public int getMaxConcurrentQuestions()
    {
        return maxConcurrentQuestions;
    }

    @Config("ai.ask.max-concurrent-questions")
    @ConfigDescription("Questions answered at once on this node; more wait in line")
    public AskConfig setMaxConcurrentQuestions(int maxConcurrentQuestions)
    {
        this.maxConcurrentQuestions = maxConcurrentQuestions;
        return this;
    }

    @NotNull
    @MinDuration("100ms")
    public Duration getStatementTimeout()
    {
        return statementTimeout;
    }

    @Config("ai.ask.statement-timeout")
    @ConfigDescription("Longest time one SQL statement of an answer may run in PostgreSQL")
    public AskConfig setStatementTimeout(Duration statementTimeout)
    {
        this.statementTimeout = statementTimeout;
        return this;
    }

    @Min(1)
    @Max(100_000)
    public int getMaxRows()
    {
        return maxRows;
    }

    @Config("ai.ask.max-rows")
    @ConfigDescription("Most number rows one metric query returns")
    public AskConfig setMaxRows(int maxRows)
    {
        this.maxRows = maxRows;
        return this;
    }

    @Min(0)
    @Max(50)
    public int getCitations()
    {
        return citations;
    }

    @Config("ai.ask.citations")
    @ConfigDescription("Most citations one answer carries")
    public AskConfig setCitations(int citations)
    {
        this.citations = citations;
        return this;
    }

    @DecimalMin("0.0")
    @DecimalMax("1.0")
    public double getVerifiedSimilarity()
    {
        return verifiedSimilarity;
    }

    @Config("ai.ask.verified-similarity")
    @ConfigDescription("How close in meaning (cosine, 0 to 1) a question must be to a verified question to use its plan")
    public AskConfig setVerifiedSimilarity(double verifiedSimilarity)
    {
        this.verifiedSimilarity = verifiedSimilarity;
        return this;
    }

    public String getReferenceDate()
    {
        return referenceDate.map(LocalDate::toString).orElse(null);
    }

    @Config("ai.ask.reference-date")
    @ConfigDescription("The date 'this quarter' or 'last month' are relative to (YYYY-MM-DD); unset for today. The session property reference_date overrides it")
    public AskConfig setReferenceDate(String referenceDate)
    {
        this.referenceDate = ReferenceDates.parse(referenceDate, "ai.ask.reference-date");
        return this;
    }

    public Optional<LocalDate> referenceDate()
    {
        return referenceDate;
    }
}
