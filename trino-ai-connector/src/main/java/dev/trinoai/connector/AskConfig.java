package dev.trinoai.connector;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.units.Duration;
import io.airlift.units.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

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
}
