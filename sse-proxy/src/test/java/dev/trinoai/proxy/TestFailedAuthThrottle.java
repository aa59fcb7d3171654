package dev.trinoai.proxy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("security")
final class TestFailedAuthThrottle
{
    private static final FailedAuthThrottle.Verdict ALLOWED = new FailedAuthThrottle.Verdict(false, 0);

    private final AtomicLong now = new AtomicLong(1234);

    @Test
    void anAddressIsRefusedAfterAFewFailuresForAPeriodThatDoublesWithEachFurtherFailure()
    {
        FailedAuthThrottle throttle = throttle(3, 60, 100);
        InetAddress guesser = address("10.0.0.1");
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.check(guesser)).isEqualTo(ALLOWED);
            throttle.failed(guesser);
        }
        assertThat(throttle.check(guesser)).isEqualTo(refusedFor(1));

        now.addAndGet(SECONDS.toNanos(1));
        assertThat(throttle.check(guesser)).isEqualTo(ALLOWED);
        throttle.failed(guesser);
        assertThat(throttle.check(guesser)).isEqualTo(refusedFor(2));

        now.addAndGet(SECONDS.toNanos(2));
        throttle.failed(guesser);
        assertThat(throttle.check(guesser)).isEqualTo(refusedFor(4));
        now.addAndGet(SECONDS.toNanos(3));
        assertThat(throttle.check(guesser)).isEqualTo(refusedFor(1));
    }

    @Test
    void thePeriodGrowsNoLongerThanTheMaximumAndTheFailuresAreForgottenAMaximumAfterTheLast()
    {
        FailedAuthThrottle throttle = throttle(1, 1_000_000, 100);
        InetAddress guesser = address("10.0.0.1");
        for (int i = 0; i < 20; i++) {
            throttle.failed(guesser);
            now.addAndGet(SECONDS.toNanos(600));
        }
        now.addAndGet(-SECONDS.toNanos(600));
        assertThat(throttle.check(guesser)).isEqualTo(refusedFor(600));

        // Refused for the maximum (10 minutes), then forgotten 10 minutes later: one failure is allowed again.
        now.addAndGet(SECONDS.toNanos(600 + 600));
        throttle.failed(guesser);
        assertThat(throttle.check(guesser)).isEqualTo(refusedFor(1));
    }

    @Test
    void aCorrectTokenForgetsTheFailuresAndOtherAddressesAreNotHeldBack()
    {
        FailedAuthThrottle throttle = throttle(2, 60, 100);
        InetAddress user = address("10.0.0.1");
        InetAddress guesser = address("10.0.0.2");
        throttle.failed(user);
        throttle.succeeded(user);
        throttle.failed(user);
        assertThat(throttle.check(user)).isEqualTo(ALLOWED);

        throttle.failed(guesser);
        throttle.failed(guesser);
        assertThat(throttle.check(guesser).refused()).isTrue();
        assertThat(throttle.check(user)).isEqualTo(ALLOWED);
        assertThat(throttle.check(address("10.0.0.3"))).isEqualTo(ALLOWED);
    }

    @Test
    void anIpv6ClientCountsByItsSlash64()
    {
        FailedAuthThrottle throttle = throttle(2, 60, 100);
        throttle.failed(address("2001:db8:1:2::1"));
        throttle.failed(address("2001:db8:1:2:ffff::9"));
        assertThat(throttle.check(address("2001:db8:1:2:abcd::7")).refused()).isTrue();
        assertThat(throttle.check(address("2001:db8:1:3::1"))).isEqualTo(ALLOWED);
    }

    @Test
    void failuresSpreadOverManyAddressesStopNewAddressesButNotThoseThatHaveAuthenticated()
    {
        FailedAuthThrottle throttle = throttle(5, 6, 100);
        InetAddress known = address("192.168.1.1");
        throttle.succeeded(known);
        for (int i = 1; i <= 6; i++) {
            InetAddress guesser = address("10.0.0." + i);
            assertThat(throttle.check(guesser)).isEqualTo(ALLOWED);
            throttle.failed(guesser);
        }
        // The minute's allowance of 6 is used up; it refills at one per 10 seconds.
        assertThat(throttle.check(address("10.0.0.7"))).isEqualTo(refusedFor(10));
        assertThat(throttle.check(known)).isEqualTo(ALLOWED);

        now.addAndGet(SECONDS.toNanos(10));
        assertThat(throttle.check(address("10.0.0.7"))).isEqualTo(ALLOWED);
    }

    @Test
    void remembersAtMostTheConfiguredNumberOfAddresses()
    {
        FailedAuthThrottle throttle = throttle(1, 1_000_000, 50);
        for (int i = 0; i < 1000; i++) {
            throttle.failed(address("10.0.%d.%d".formatted(i / 256, i % 256)));
            throttle.succeeded(address("10.1.%d.%d".formatted(i / 256, i % 256)));
        }
        assertThat(throttle.trackedClients()).isEqualTo(100);
        // The most recent guessers are still refused.
        assertThat(throttle.check(address("10.0.3.231")).refused()).isTrue();
    }

    private FailedAuthThrottle throttle(int failuresBeforeThrottle, int maxFailuresPerMinute, int maxTrackedClients)
    {
        return new FailedAuthThrottle(new ProxyConfig.ClientLimits(Duration.ofSeconds(10), 65536, failuresBeforeThrottle, Duration.ofSeconds(1), Duration.ofMinutes(10),
                maxFailuresPerMinute, maxTrackedClients), now::get);
    }

    private static FailedAuthThrottle.Verdict refusedFor(long seconds)
    {
        return new FailedAuthThrottle.Verdict(true, seconds);
    }

    private static InetAddress address(String literal)
    {
        try {
            return InetAddress.getByName(literal);
        }
        catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
