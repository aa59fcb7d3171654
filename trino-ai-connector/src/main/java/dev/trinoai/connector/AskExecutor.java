package dev.trinoai.connector;

import com.google.inject.Inject;
import jakarta.annotation.PreDestroy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static io.airlift.concurrent.Threads.daemonThreadsNamed;
import static java.util.Objects.requireNonNull;

/**
 * The plugin's own threads: answers are produced here, never on Trino's driver threads.
 */
public final class AskExecutor
{
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;

    @Inject
    public AskExecutor(AskConfig config)
    {
        requireNonNull(config, "config is null");
        this.workers = Executors.newFixedThreadPool(config.getMaxConcurrentQuestions(), daemonThreadsNamed("ai-ask-%s"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreadsNamed("ai-ask-timer-%s"));
    }

    public ExecutorService workers()
    {
        return workers;
    }

    public ScheduledExecutorService timer()
    {
        return timer;
    }

    @PreDestroy
    public void shutdown()
    {
        workers.shutdownNow();
        timer.shutdownNow();
    }
}
