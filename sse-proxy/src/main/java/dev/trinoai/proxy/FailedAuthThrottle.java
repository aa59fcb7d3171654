package dev.trinoai.proxy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Throttles token guessing. Each client address may send {@code auth.failures-before-throttle} wrong tokens; then it is
 * refused (429, without its token being looked at) for {@code auth.throttle-initial}, and each further failure doubles
 * the period up to {@code auth.throttle-max}. A correct token forgets the address's failures. As a backstop against
 * guesses spread over many addresses, once {@code auth.max-failures-per-minute} failures of all addresses together
 * have used up the minute's allowance, addresses that have not authenticated before are refused too until it refills;
 * addresses that have keep working. IPv6 addresses count per /64, the block one client usually holds. Memory is
 * bounded: at most {@code auth.max-tracked-clients} addresses are remembered in each list, the least recently seen
 * forgotten first.
 */
public final class FailedAuthThrottle
{
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final ProxyConfig.ClientLimits limits;
    private final LongSupplier nanoTime;
    private final Map<InetAddress, Failures> failures;
    private final Map<InetAddress, Boolean> authenticated;
    private double globalAllowance;
    private long globalRefilledAt;

    public FailedAuthThrottle(ProxyConfig.ClientLimits limits, LongSupplier nanoTime)
    {
        this.limits = requireNonNull(limits, "limits is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.failures = lru(limits.maxTrackedClients());
        this.authenticated = lru(limits.maxTrackedClients());
        this.globalAllowance = limits.maxFailuresPerMinute();
        this.globalRefilledAt = nanoTime.getAsLong();
    }

    /**
     * @param retryAfterSeconds when the address may try again, for the Retry-After header
     */
    public record Verdict(boolean refused, long retryAfterSeconds)
    {
        static final Verdict ALLOWED = new Verdict(false, 0);
    }

    /**
     * Whether a request from this address may have its token checked at all.
     */
    public synchronized Verdict check(InetAddress address)
    {
        InetAddress client = client(address);
        long now = nanoTime.getAsLong();
        Failures state = failures.get(client);
        if (state != null && now - state.blockedUntil < 0) {
            return refused(state.blockedUntil - now);
        }
        refillGlobal(now);
        if (globalAllowance < 1 && !authenticated.containsKey(client)) {
            return refused((long) Math.ceil((1 - globalAllowance) * MINUTE_NANOS / limits.maxFailuresPerMinute()));
        }
        return Verdict.ALLOWED;
    }

    /**
     * A wrong or missing token from this address.
     */
    public synchronized void failed(InetAddress address)
    {
        InetAddress client = client(address);
        long now = nanoTime.getAsLong();
        Failures state = failures.get(client);
        if (state == null || now - state.forgottenAt >= 0) {
            state = new Failures();
            failures.put(client, state);
        }
        state.count++;
        int beyond = state.count - limits.failuresBeforeThrottle();
        long block = beyond < 0 ? 0 : blockNanos(beyond);
        state.blockedUntil = now + block;
        state.forgottenAt = now + block + limits.throttleMax().toNanos();
        refillGlobal(now);
        globalAllowance = Math.max(0, globalAllowance - 1);
    }

    /**
     * A correct token from this address: its failures are forgotten, and the global backstop no longer holds it back.
     */
    public synchronized void succeeded(InetAddress address)
    {
        InetAddress client = client(address);
        failures.remove(client);
        authenticated.put(client, Boolean.TRUE);
    }

    synchronized int trackedClients()
    {
        return failures.size() + authenticated.size();
    }

    /**
     * The initial period doubled once per failure beyond the allowance, at most the longest period.
     */
    private long blockNanos(int beyond)
    {
        long initial = limits.throttleInitial().toNanos();
        long max = limits.throttleMax().toNanos();
        return beyond >= 62 || initial > max >> beyond ? max : Math.min(max, initial << beyond);
    }

    private void refillGlobal(long now)
    {
        globalAllowance = Math.min(limits.maxFailuresPerMinute(), globalAllowance + (now - globalRefilledAt) * (double) limits.maxFailuresPerMinute() / MINUTE_NANOS);
        globalRefilledAt = now;
    }

    private static Verdict refused(long nanos)
    {
        return new Verdict(true, Math.max(1, (nanos + 999_999_999) / 1_000_000_000));
    }

    /**
     * The address itself for IPv4, its /64 network for IPv6.
     */
    static InetAddress client(InetAddress address)
    {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(bytes, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes);
        }
        catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }

    private static <V> Map<InetAddress, V> lru(int capacity)
    {
        return new LinkedHashMap<>(16, 0.75f, true)
        {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, V> eldest)
            {
                return size() > capacity;
            }
        };
    }

    private static final class Failures
    {
        private int count;
        private long blockedUntil;
        private long forgottenAt;
    }
}
