package io.dexposure.replayer.pull;

import java.time.Duration;

/**
 * How one API is called.
 *
 * @param connectTimeout   TCP/TLS connection set-up
 * @param responseTimeout  the whole response, headers and body; longer counts as a failed attempt (retried)
 * @param maxAttempts      attempts per request, the first included (1 = no retry)
 * @param firstRetryDelay  wait before the second attempt; doubled before each further one (exponential backoff)
 * @param maxRetryDelay    cap of the backoff
 * @param maxRetryAfter    longest Retry-After honoured; a server asking for more fails the request at once with a
 *                         message saying so, instead of hanging the pull for an hour
 * @param minInterval      minimum time between two requests to this API (its rate limit), across threads
 */
public record HttpSettings(Duration connectTimeout, Duration responseTimeout, int maxAttempts, Duration firstRetryDelay,
                           Duration maxRetryDelay, Duration maxRetryAfter, Duration minInterval) {

    public HttpSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(responseTimeout, "responseTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        requireNotNegative(firstRetryDelay, "firstRetryDelay");
        requireNotNegative(maxRetryDelay, "maxRetryDelay");
        requireNotNegative(maxRetryAfter, "maxRetryAfter");
        requireNotNegative(minInterval, "minInterval");
    }

    /** 10 s to connect, 60 s per response, 5 attempts 1 s, 2 s, 4 s, 8 s apart (at most 60 s), Retry-After up to 5 min. */
    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), 5, Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ZERO);
    }

    public HttpSettings withMinInterval(Duration value) {
        return new HttpSettings(connectTimeout, responseTimeout, maxAttempts, firstRetryDelay, maxRetryDelay,
                maxRetryAfter, value);
    }

    /** The backoff before attempt {@code attempt + 1}, after {@code attempt} failed attempts (1-based). */
    Duration backoffAfter(int attempt) {
        Duration delay = firstRetryDelay;
        for (int i = 1; i < attempt && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    private static void requireNotNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0: " + d);
        }
    }
}
