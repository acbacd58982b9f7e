package io.dexposure.replayer.pull;

import java.time.Duration;

/**
 * Spaces the requests to one API at least {@code minInterval} apart, across threads: the free tiers limit requests
 * per minute (DefiLlama 10-200/min, CoinGecko's public API a few per minute to 30/min), and a 429 costs more than
 * waiting. Each caller reserves the next free slot under the lock and sleeps outside it.
 */
final class RequestPacer {
    private final long minIntervalNanos;
    private final Sleeper sleeper;
    private long nextSlotNanos = Long.MIN_VALUE;

    RequestPacer(Duration minInterval, Sleeper sleeper) {
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("minimum interval between requests must be >= 0: " + minInterval);
        }
        this.minIntervalNanos = minInterval.toNanos();
        this.sleeper = sleeper;
    }

    /** Blocks until this caller's turn. */
    void awaitTurn() throws InterruptedException {
        if (minIntervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = nextSlotNanos == Long.MIN_VALUE ? now : Math.max(now, nextSlotNanos);
            nextSlotNanos = slot + minIntervalNanos;
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }
}
