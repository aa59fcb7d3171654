package dev.trinoai.jobs;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code --once | --every 1h}: a job runs once, or forever at an interval as a long-running process.
 */
final class Schedule
{
    interface Run
    {
        void run()
                throws Exception;
    }

    private Schedule() {}

    /**
     * The interval of {@code --every}, or empty for a single run.
     */
    static Optional<Duration> interval(Arguments arguments)
    {
        Optional<Duration> every = arguments.value("--every").map(Durations::parse);
        if (every.isPresent() && arguments.flag("--once")) {
            throw new IllegalArgumentException("--once and --every exclude each other");
        }
        return every;
    }

    /**
     * Runs until the process is stopped; typed as an exit code so that a command can return it.
     */
    static int repeat(String job, Duration every, PrintStream out, Run run)
            throws InterruptedException
    {
        while (true) {
            try {
                run.run();
            }
            catch (InterruptedException e) {
                throw e;
            }
            catch (Exception e) {
                // A scheduled run that fails (database restarting) is reported and tried again at the next tick.
                out.println(job + " run failed: " + e.getMessage());
            }
            out.printf("next run at %s%n", Instant.now().plus(every));
            Thread.sleep(every);
        }
    }
}
