package dev.trinoai.udf;

import com.google.common.base.Ticker;
import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.Question;
import dev.trinoai.core.access.AccessScope;
import io.airlift.units.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static java.util.concurrent.TimeUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("security")
final class TestAnswerCache
{
    private static final Question QUESTION = new Question("budget variance % for Apollo this quarter");
    private static final Optional<LocalDate> NOVEMBER = Optional.of(LocalDate.of(2026, 11, 25));

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger answered = new AtomicInteger();

    @Test
    void theSameQuestionIsAnsweredOnceWithinTheTtl()
    {
        AnswerCache cache = cache(1000, new Duration(5, MINUTES));
        for (int row = 0; row < 100; row++) {
            assertThat(cache.get(QUESTION, NOVEMBER, AccessScope.ALL, this::answer)).hasSize(1);
        }
        assertThat(answered).hasValue(1);

        nanos.addAndGet(MINUTES.toNanos(5) + 1);
        cache.get(QUESTION, NOVEMBER, AccessScope.ALL, this::answer);
        assertThat(answered).as("answered again once the TTL has passed").hasValue(2);
    }

    @Test
    void anotherReferenceDateIsAnotherQuestion()
    {
        AnswerCache cache = cache(1000, new Duration(5, MINUTES));
        cache.get(QUESTION, NOVEMBER, AccessScope.ALL, this::answer);
        cache.get(QUESTION, Optional.of(LocalDate.of(2026, 6, 30)), AccessScope.ALL, this::answer);
        cache.get(QUESTION, Optional.empty(), AccessScope.ALL, this::answer);
        assertThat(answered).hasValue(3);
    }

    @Test
    void anotherAccessScopeIsAnotherQuestion()
    {
        AnswerCache cache = cache(1000, new Duration(5, MINUTES));
        cache.get(QUESTION, NOVEMBER, AccessScope.ALL, this::answer);
        cache.get(QUESTION, NOVEMBER, new AccessScope(Map.of("program", List.of("Apollo"))), this::answer);
        cache.get(QUESTION, NOVEMBER, new AccessScope(Map.of("program", List.of("Falcon"))), this::answer);
        cache.get(QUESTION, NOVEMBER, new AccessScope(Map.of("program", List.of("Apollo"))), this::answer);
        assertThat(answered).as("one answer per scope, shared by callers with the same scope").hasValue(3);
    }

    @Test
    void callsAtTheSameTimeWaitForOneAnswer()
            throws Exception
    {
        AnswerCache cache = cache(1000, new Duration(5, MINUTES));
        CountDownLatch release = new CountDownLatch(1);
        Supplier<List<AnswerRow>> slow = () -> {
            try {
                release.await();
            }
            catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
            return answer();
        };
        AtomicInteger entered = new AtomicInteger();
        List<Thread> workers = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8, runnable -> {
            Thread worker = new Thread(runnable);
            workers.add(worker);
            return worker;
        });
        try {
            List<Future<List<AnswerRow>>> calls = java.util.stream.IntStream.range(0, 8)
                    .mapToObj(_ -> threads.submit(() -> {
                        entered.incrementAndGet();
                        return cache.get(QUESTION, NOVEMBER, AccessScope.ALL, slow);
                    }))
                    .toList();
            // every call is inside the cache and waiting (one for the release, the others for its answer) before the
            // answer is released: a condition, not a pause, so a busy machine cannot let a call arrive late
            while (entered.get() < 8 || workers.size() < 8 || !workers.stream().allMatch(worker -> worker.getState() == Thread.State.WAITING)) {
                Thread.yield();
            }
            release.countDown();
            for (Future<List<AnswerRow>> call : calls) {
                assertThat(call.get()).hasSize(1);
            }
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(answered).hasValue(1);
    }

    @Test
    void failuresAreNotKept()
    {
        AnswerCache cache = cache(1000, new Duration(5, MINUTES));
        assertThatThrownBy(() -> cache.get(QUESTION, NOVEMBER, AccessScope.ALL, () -> {
            throw new IllegalStateException("database down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("database down");
        cache.get(QUESTION, NOVEMBER, AccessScope.ALL, this::answer);
        assertThat(answered).hasValue(1);
    }

    @Test
    void sizeZeroAnswersEveryCall()
    {
        AnswerCache cache = cache(0, new Duration(5, MINUTES));
        cache.get(QUESTION, NOVEMBER, AccessScope.ALL, this::answer);
        cache.get(QUESTION, NOVEMBER, AccessScope.ALL, this::answer);
        assertThat(answered).hasValue(2);
    }

    private AnswerCache cache(int size, Duration ttl)
    {
        return new AnswerCache(new AskUdfConfig().setCacheSize(size).setCacheTtl(ttl), new Ticker()
        {
            @Override
            public long read()
            {
                return nanos.get();
            }
        });
    }

    private List<AnswerRow> answer()
    {
        answered.incrementAndGet();
        return List.of(AnswerRow.notice(1, "answer " + answered.get()));
    }
}
