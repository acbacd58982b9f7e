package io.dexposure.tools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Milliseconds per named phase: one run's timings, and repeated runs with warm-ups discarded. */
final class PhaseTimes {
    private PhaseTimes() {
    }

    /** Runs {@code work}, records its milliseconds under {@code phase} and returns its result. */
    static <T> T time(Map<String, Double> ms, String phase, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        ms.put(phase, (System.nanoTime() - start) / 1e6);
        return result;
    }

    /** Milliseconds per phase for each measured run of {@code once} (after the warm-ups, which are discarded). */
    static Map<String, List<Double>> repeat(int warmups, int runs, Supplier<Map<String, Double>> once) {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int r = 0; r < warmups + runs; r++) {
            Map<String, Double> one = once.get();
            if (r >= warmups) {
                one.forEach((phase, ms) -> times.computeIfAbsent(phase, p -> new ArrayList<>()).add(ms));
            }
        }
        return times;
    }
}
