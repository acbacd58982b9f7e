package io.dexposure.replayer.pull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Clients wired for tests: short delays, a shared HTTP client, sleeps recorded instead of slept. */
final class TestApis {
    static final HttpClient HTTP = ApiHttpClient.newHttpClient(Duration.ofSeconds(2));

    private TestApis() {
    }

    /** Records each requested wait and returns at once. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
        }
    }

    /** 10 ms first backoff (doubling, at most 80 ms), 5 s per response, Retry-After up to 60 s. */
    static HttpSettings fast(int attempts) {
        return new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), attempts, Duration.ofMillis(10),
                Duration.ofMillis(80), Duration.ofSeconds(60), Duration.ZERO);
    }

    static ApiHttpClient client(String api, Path cacheDir, HttpSettings settings, Sleeper sleeper,
                                List<String> secrets, Clock clock) {
        try {
            return new ApiHttpClient(api, HTTP, settings, new ResponseCache(cacheDir), secrets, sleeper, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApiHttpClient client(String api, Path cacheDir, HttpSettings settings, Sleeper sleeper) {
        return client(api, cacheDir, settings, sleeper, List.of(), Clock.systemUTC());
    }
}
