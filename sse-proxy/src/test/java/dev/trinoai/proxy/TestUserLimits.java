package dev.trinoai.proxy;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

final class TestUserLimits
{
    private final AtomicLong now = new AtomicLong();

    @Test
    void refusesASecondQuestionWhileTheFirstRunsAndAdmitsItAfter()
    {
        UserLimits limits = new UserLimits(1, 100, now::get);
        UserLimits.Admission first = limits.admit("ann");
        assertThat(first).isInstanceOf(UserLimits.Permit.class);
        assertThat(limits.admit("ann")).isEqualTo(new UserLimits.Refusal(
                "ann already has 1 question running, the limit (limits.concurrent-per-user); wait for one to finish or stop it.", 1));
        assertThat(limits.admit("bob")).isInstanceOf(UserLimits.Permit.class);

        ((UserLimits.Permit) first).close();
        assertThat(limits.admit("ann")).isInstanceOf(UserLimits.Permit.class);
    }

    @Test
    void allowsABurstOfAMinutesQuestionsThenOneEverySixtyOverNSeconds()
    {
        UserLimits limits = new UserLimits(100, 3, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.admit("ann")).isInstanceOf(UserLimits.Permit.class);
        }
        assertThat(limits.admit("ann")).isInstanceOfSatisfying(UserLimits.Refusal.class,
                refusal -> assertThat(refusal.retryAfterSeconds()).isEqualTo(20));

        now.addAndGet(SECONDS.toNanos(15));
        assertThat(limits.admit("ann")).isInstanceOfSatisfying(UserLimits.Refusal.class,
                refusal -> assertThat(refusal.retryAfterSeconds()).isEqualTo(5));
        now.addAndGet(SECONDS.toNanos(5));
        assertThat(limits.admit("ann")).isInstanceOf(UserLimits.Permit.class);
    }
}
