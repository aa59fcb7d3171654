package dev.trinoai.proxy;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Closes connections whose request does not arrive in time ({@code http.request-timeout}), against clients that send
 * a request a byte at a time (slowloris). The JDK's HTTP server reads a request's line and headers on the task it
 * hands to its executor, and the handler reads the body on the same thread; this executor gives each task a deadline,
 * met once {@link #requestRead()} is called, and interrupts a task that misses it. The connection's channel is
 * interruptible, so the interrupted read closes it. (The JDK's own sun.net.httpserver.maxReqTime is one setting for
 * the whole JVM, in whole seconds.)
 */
final class RequestDeadlines
{
    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final Runnable onExpiry;

    /**
     * @param onExpiry called when a deadline is missed, for the log
     */
    RequestDeadlines(Duration timeout, ScheduledExecutorService timer, Runnable onExpiry)
    {
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.onExpiry = requireNonNull(onExpiry, "onExpiry is null");
    }

    /**
     * Runs each task of the server on {@code executor}, with a deadline for reading its request.
     */
    Executor around(Executor executor)
    {
        return task -> executor.execute(() -> run(task));
    }

    /**
     * The current request has been read (line, headers and body): what follows, such as streaming an answer, may take
     * as long as it needs.
     */
    static void requestRead()
    {
        Deadline deadline = CURRENT.get();
        if (deadline != null) {
            deadline.met();
        }
    }

    private void run(Runnable task)
    {
        Deadline deadline = new Deadline(Thread.currentThread());
        deadline.expiry = timer.schedule(deadline::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        CURRENT.set(deadline);
        try {
            task.run();
        }
        finally {
            deadline.met();
            CURRENT.remove();
        }
    }

    private final class Deadline
    {
        private final Thread thread;
        private ScheduledFuture<?> expiry;
        private boolean open = true;

        Deadline(Thread thread)
        {
            this.thread = thread;
        }

        synchronized void met()
        {
            open = false;
            expiry.cancel(false);
        }

        synchronized void expire()
        {
            if (open) {
                open = false;
                thread.interrupt();
                onExpiry.run();
            }
        }
    }
}
