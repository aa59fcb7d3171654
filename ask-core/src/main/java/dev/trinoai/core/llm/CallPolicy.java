package dev.trinoai.core.llm;

import dev.trinoai.core.remote.Backoff;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The bounds every provider puts on a call: at most {@code maxConcurrent} calls of the catalog at once, each attempt
 * within the timeout, and retries with backoff only for failures that may pass.
 * <p>
 * Retries are this loop's, not an SDK's, so every call gets exactly {@code maxAttempts} whatever other calls did
 * (as for Bedrock embeddings).
 */
final class CallPolicy
{
    interface Attempt<T>
    {
        T run(Instant deadline);
    }

    private final String model;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration retryBaseDelay;
    private final Semaphore permits;
    private final int maxConcurrent;

    CallPolicy(String model, LlmSettings settings)
    {
        this.model = requireNonNull(model, "model is null");
        this.timeout = settings.timeout();
        this.maxAttempts = settings.maxAttempts();
        this.retryBaseDelay = settings.retryBaseDelay();
        this.maxConcurrent = settings.maxConcurrent();
        this.permits = new Semaphore(maxConcurrent, true);
    }

    Duration timeout()
    {
        return timeout;
    }

    <T> T call(Attempt<T> attempt)
    {
        try {
            if (!permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new LlmException("%s: all %d calls the catalog allows at once (ai.llm.max-concurrent) stayed busy for %s".formatted(model, maxConcurrent, timeout), false);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting to call " + model, false, e);
        }
        try {
            for (int attempts = 1; ; attempts++) {
                try {
                    return attempt.run(Instant.now().plus(timeout));
                }
                catch (LlmException e) {
                    if (!e.retryable() || attempts >= maxAttempts) {
                        throw attempts == 1 ? e : new LlmException("%s (after %d attempts)".formatted(e.getMessage(), attempts), false, e);
                    }
                }
                Thread.sleep(Backoff.delay(retryBaseDelay, attempts));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting to retry " + model, false, e);
        }
        finally {
            permits.release();
        }
    }

    LlmException timedOut()
    {
        return new LlmException("%s did not answer within %s (ai.llm.timeout)".formatted(model, timeout), false);
    }
}
