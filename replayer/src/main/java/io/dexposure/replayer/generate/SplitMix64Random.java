package io.dexposure.replayer.generate;

/**
 * SplitMix64 pseudo-random numbers, written out here so that a seed yields the same stream on every
 * JVM and JDK release (the algorithms behind {@code SplittableRandom} and {@code Math.log} intrinsics are
 * not part of any contract; the generated sample is compared byte for byte). All transcendental
 * functions go through {@link StrictMath} for the same reason.
 */
final class SplitMix64Random {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    SplitMix64Random(long seed) {
        this.state = seed;
    }

    /**
     * An independent stream for one purpose (universe, weekly evolution, scenarios, ...), so that
     * drawing more numbers in one part of the generator does not shift the numbers of another.
     */
    static SplitMix64Random stream(long seed, long purpose) {
        return new SplitMix64Random(mix(seed ^ mix(purpose * GOLDEN_GAMMA + 0x632BE59BD9B4E019L)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    double nextDouble(double from, double to) {
        return from + (to - from) * nextDouble();
    }

    /** Uniform in [0, bound); multiply-shift, bias below 2^-32 * bound (irrelevant here). */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Standard normal (Marsaglia polar method). */
    double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * factor;
        hasSpareGaussian = true;
        return u * factor;
    }

    /** Exponential with mean 1. */
    double nextExponential() {
        return -StrictMath.log(1 - nextDouble());
    }

    /** exp(N(logMedian, sigma)): heavy-tailed sizes. */
    double nextLogNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * nextGaussian());
    }
}
