package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import dev.trinoai.core.TestingPostgresCluster;
import dev.trinoai.jobs.JobDatabase;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * PostgreSQL restarted (fast: open connections cut) under questions: those it catches fail with the plugin's clean
 * database error, and the pool recovers so the next ones are answered. On a cluster of the test's own, loaded with the
 * seed-42 sample by the real jobs.
 */
@TestInstance(PER_CLASS)
@Tag("security")
final class TestPostgresRestart
{
    private static final String QUESTION = "SELECT count(*) FROM TABLE(ai.system.ask_numbers(question => 'Which programs are over budget this quarter?'))";
    private static final int CLIENTS = 2;

    private TestingPostgresCluster cluster;
    private QueryRunner runner;

    @BeforeAll
    void start()
            throws Exception
    {
        cluster = new TestingPostgresCluster();
        cluster.execute("postgres", "CREATE DATABASE pmo");
        cluster.execute("pmo", "CREATE EXTENSION vector", "CREATE SCHEMA staging", "CREATE SCHEMA star", "CREATE SCHEMA ask");
        Optional<String> user = Optional.of(TestingPostgresCluster.SUPERUSER);
        Optional<String> password = Optional.of(cluster.superuserPassword());
        TestingSampleWarehouse.load(new JobDatabase(cluster.jdbcUrl("pmo"), user, password));
        runner = TestingSampleWarehouse.queryRunnerWithCatalog(ImmutableMap.<String, String>builder()
                .putAll(TestingSampleWarehouse.catalogProperties(cluster.jdbcUrl("pmo"), user, password))
                .put("ai.postgres.connect-timeout", "2s")
                .buildOrThrow());
    }

    @AfterAll
    void stop()
    {
        runner.close();
        cluster.close();
    }

    @Test
    void questionsDuringARestartFailCleanlyAndTheNextOnesAreAnswered()
            throws Exception
    {
        long answer = answer();
        assertThat(answer).isPositive();

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> loops = IntStream.range(0, CLIENTS).<Future<?>>mapToObj(i -> clients.submit(() -> {
                while (running.get()) {
                    try {
                        answers.add(answer());
                    }
                    catch (RuntimeException e) {
                        failures.add(String.valueOf(e.getMessage()));
                    }
                }
            })).toList();
            Thread.sleep(1000);
            // twice, so that some question is surely caught with a connection the restart cut
            cluster.restart();
            cluster.restart();
            Thread.sleep(500);
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(2, TimeUnit.MINUTES);
            }
        }
        finally {
            clients.shutdownNow();
        }

        // the run's figures, for the fault report
        System.out.println("during the restarts: %d answers, %d failures %s".formatted(answers.size(), failures.size(), failures));
        // whether a question lands in the restart window is timing, and a pool that hides a restart completely is
        // fine: what must hold is that a failure is a clean one and that the questions after it are answered
        assertThat(failures).allSatisfy(failure -> assertThat(failure)
                .matches("(?s)(Cannot reach PostgreSQL at jdbc:postgresql://127\\.0\\.0\\.1:\\d+/pmo|PostgreSQL at jdbc:postgresql://127\\.0\\.0\\.1:\\d+/pmo failed \\(SQLSTATE 57P0\\d\\)).*")
                .doesNotContain("\tat "));
        assertThat(answers).containsOnly(answer);
        // the pool recovers: every question after the restart is answered, and the same
        for (int i = 0; i < 5; i++) {
            assertThat(answer()).isEqualTo(answer);
        }
    }

    private long answer()
    {
        return (Long) runner.execute(QUESTION).getOnlyValue();
    }
}
