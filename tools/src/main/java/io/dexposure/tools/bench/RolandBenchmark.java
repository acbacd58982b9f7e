package io.dexposure.tools.bench;

import io.dexposure.analytics.linkpred.EvaluationPairs;
import io.dexposure.analytics.linkpred.PersistenceScorer;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.analytics.roland.InMemoryRolandMemory;
import io.dexposure.analytics.roland.RolandLiveUpdate;
import io.dexposure.analytics.roland.RolandSettings;
import io.dexposure.analytics.roland.WeekUpdate;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.replayer.generate.ExposureNetworkGenerator;
import io.dexposure.replayer.generate.CalibratedNetworkGenerator;
import io.dexposure.replayer.generate.GeneratorSettings;
import io.dexposure.replayer.generate.WeeklySizes;
import io.dexposure.snapshot.ProtocolDirectory;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ROLAND's live update on generated real-scale weeks: milliseconds per week by phase (fine-tune, state
 * update, predict; scoring last week's predictions apart) with references measured in the same run
 * (persistence scored on the same pairs; the state update is one forward pass), and peak memory.
 */
public final class RolandBenchmark {
    private final RolandSettings settings;
    private final List<NetworkWeek> weeks;

    public RolandBenchmark(RolandSettings settings, long seed, int weekCount, int nodes, int links) {
        this.settings = settings;
        GeneratorSettings generator = GeneratorSettings.withoutScenarios(seed,
                WeeklySizes.fixed(LocalDate.of(2024, 7, 1), weekCount, nodes, links));
        // The calibrated generator: links churn as in the real data (~0.53 persistence), so fine-tuning has work to do.
        CalibratedNetworkGenerator g = new CalibratedNetworkGenerator(generator);
        this.weeks = new ArrayList<>();
        while (g.hasNextWeek()) {
            weeks.add(NetworkWeek.of(SnapshotNetworks.of(g.nextWeek().toWeekSnapshot(), ProtocolDirectory.empty()), null));
        }
    }

    public List<NetworkWeek> weeks() {
        return weeks;
    }

    public void run(PrintStream out, int warmups) throws Exception {
        Map<String, List<Double>> phases = new LinkedHashMap<>();
        for (String p : List.of("score last week's predictions (on this thread)", "  persistence + 4 heuristics, on a 2nd thread",
                "  reference: persistence alone",
                "fine-tune", "state update (one forward pass)", "predict (persisting + top-K new)", "step = fine-tune + update + predict",
                "live update = scoring + step", "live update, CPU time of the updating thread",
                "  CPU time of the whole process (GC, JIT, native threads)")) {
            phases.put(p, new ArrayList<>());
        }
        List<Integer> epochs = new ArrayList<>();
        InMemoryRolandMemory memory = new InMemoryRolandMemory();
        try (RolandLiveUpdate live = new RolandLiveUpdate(settings)) {
            for (int i = 0; i < weeks.size(); i++) {
                NetworkWeek week = weeks.get(i);
                double persistence = 0;
                if (i > 0) {
                    EvaluationPairs pairs = EvaluationPairs.sample(week, settings.negativeRatio, settings.mrrQueries,
                            settings.mrrCandidates, settings.seed);
                    long t = System.nanoTime();
                    pairs.quality(new PersistenceScorer(weeks.get(i - 1)));
                    persistence = (System.nanoTime() - t) / 1e6;
                }
                long processCpu = processCpuNanos();
                WeekUpdate u = live.process(week, memory);
                processCpu = processCpuNanos() - processCpu;
                out.printf(Locale.ROOT, "  week %s: %,d nodes, %,d links, step %.0f ms (%d epochs, fine-tune %.0f, update %.0f, predict %.0f), scoring %.0f ms%n",
                        week.week, week.nodeCount(), week.linkCount(), u.stepMillis(), u.training().epochs(), u.trainMillis(),
                        u.advanceMillis(), u.predictMillis(), u.scoreMillis());
                if (i <= warmups) {
                    continue; // the first week has nothing to fine-tune on; warm-ups follow it
                }
                phases.get("score last week's predictions (on this thread)").add(u.scoreMillis());
                phases.get("  persistence + 4 heuristics, on a 2nd thread").add(u.baselineMillis());
                phases.get("  reference: persistence alone").add(persistence);
                phases.get("fine-tune").add(u.trainMillis());
                phases.get("state update (one forward pass)").add(u.advanceMillis());
                phases.get("predict (persisting + top-K new)").add(u.predictMillis());
                phases.get("step = fine-tune + update + predict").add(u.stepMillis());
                phases.get("live update = scoring + step").add(u.scoreMillis() + u.stepMillis());
                phases.get("live update, CPU time of the updating thread").add(u.cpuMillis());
                phases.get("  CPU time of the whole process (GC, JIT, native threads)").add(processCpu / 1e6);
                epochs.add(u.training().epochs());
            }
        }
        out.printf(Locale.ROOT, "%nROLAND live update per real-scale week, %d weeks after %d warm-up%s (ms; %d PyTorch thread%s, "
                        + "up to %d epochs, patience %d)%n", epochs.size(), warmups, warmups == 1 ? "" : "s", settings.threads,
                settings.threads == 1 ? "" : "s", settings.maxEpochs, settings.patience);
        out.printf(Locale.ROOT, "%-44s %9s %9s %9s%n", "phase", "mean", "min", "max");
        for (Map.Entry<String, List<Double>> e : phases.entrySet()) {
            List<Double> v = e.getValue();
            out.printf(Locale.ROOT, "%-44s %9.1f %9.1f %9.1f%n", e.getKey(), v.stream().mapToDouble(d -> d).average().orElse(0),
                    v.stream().mapToDouble(d -> d).min().orElse(0), v.stream().mapToDouble(d -> d).max().orElse(0));
        }
        double step = phases.get("step = fine-tune + update + predict").stream().mapToDouble(d -> d).average().orElse(0);
        double forward = phases.get("state update (one forward pass)").stream().mapToDouble(d -> d).average().orElse(0);
        double total = phases.get("live update = scoring + step").stream().mapToDouble(d -> d).average().orElse(0);
        double cpu = phases.get("live update, CPU time of the updating thread").stream().mapToDouble(d -> d).average().orElse(0);
        out.printf(Locale.ROOT, "epochs per week: mean %.1f; step / one forward pass: %.1fx; goal live update <= 1000 ms per week: "
                        + "wall %s, CPU time %s%n", epochs.stream().mapToInt(i -> i).average().orElse(0), step / forward,
                total <= 1000 ? "met" : "NOT met", cpu <= 1000 ? "met" : "NOT met");
        out.printf(Locale.ROOT, "Machine load while measuring (1-minute load average, %d cores): %s%n",
                Runtime.getRuntime().availableProcessors(), loadAverage());
        out.printf(Locale.ROOT, "Peak resident memory of the process (VmHWM, Java heap + PyTorch): %,d MB%n", peakResidentMb());
    }

    /** CPU time of this JVM, all threads, or 0 where the platform does not say. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** The first field of /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** The process's peak resident set (Linux), or -1. */
    static long peakResidentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
