package dev.trinoai.udf;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheStats;
import com.google.common.util.concurrent.UncheckedExecutionException;
import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.Question;
import dev.trinoai.core.access.AccessScope;
import io.trino.cache.EvictableCacheBuilder;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import static com.google.common.base.Throwables.throwIfUnchecked;
import static java.util.concurrent.TimeUnit.MILLISECONDS;

/**
 * The answers of the scalar functions, by question, reference date and the caller's access scope (one user's answer
 * must never serve another who may see other rows), for {@code ai.udf.cache-ttl}. Calls that ask
 * the same question at the same time wait for one answer rather than each computing it. Failures are not kept.
 */
final class AnswerCache
{
    private final Cache<Key, List<AnswerRow>> answers;

    private record Key(String question, Optional<LocalDate> referenceDate, AccessScope access) {}

    AnswerCache(AskUdfConfig config, Ticker ticker)
    {
        this.answers = EvictableCacheBuilder.newBuilder()
                .ticker(ticker)
                .maximumSize(config.getCacheSize())
                .expireAfterWrite(config.getCacheTtl().toMillis(), MILLISECONDS)
                // a disabled cache answers each call on its own rather than making concurrent calls wait for one
                .shareNothingWhenDisabled()
                .recordStats()
                .build();
    }

    CacheStats stats()
    {
        return answers.stats();
    }

    List<AnswerRow> get(Question question, Optional<LocalDate> referenceDate, AccessScope access, Supplier<List<AnswerRow>> answer)
    {
        try {
            return answers.get(new Key(question.text(), referenceDate, access), () -> List.copyOf(answer.get()));
        }
        catch (ExecutionException | UncheckedExecutionException e) {
            throwIfUnchecked(e.getCause());
            throw new IllegalStateException(e.getCause());
        }
    }
}
