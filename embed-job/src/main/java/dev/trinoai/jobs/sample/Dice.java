package dev.trinoai.jobs.sample;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random draws. Each file and each entity gets its own stream derived from the seed and a purpose, so adding a
 * draw in one place does not shift the values drawn anywhere else.
 */
final class Dice
{
    private final SplittableRandom random;

    private Dice(long seed)
    {
        random = new SplittableRandom(seed);
    }

    static Dice of(long seed, String purpose, long index)
    {
        return new Dice(mix(mix(seed ^ mix(purpose.hashCode())) + index));
    }

    /**
     * A well-spread hash of a number (SplitMix64's finalizer), for choices that must not depend on draw order.
     */
    static long mix(long value)
    {
        long z = value + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * A number from low to high, both included.
     */
    int between(int low, int high)
    {
        return random.nextInt(low, high + 1);
    }

    double uniform(double low, double high)
    {
        return random.nextDouble(low, high);
    }

    boolean chance(double probability)
    {
        return random.nextDouble() < probability;
    }

    double gaussian()
    {
        return random.nextGaussian();
    }

    <T> T pick(List<T> values)
    {
        return values.get(random.nextInt(values.size()));
    }
}
