package io.dexposure.job.dist;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job jar a cluster runs (built in the package phase by the dist profile, active unless -DskipDist):
 * the job and what it needs, nothing of the tools, the replayer or the CLI, and DJL beside it in
 * flink-lib/ for the cluster's lib/. Runs after {@code package} (failsafe), so it lists the real jar.
 */
class JobJarIT {
    private static final Path TARGET = Path.of("target");

    @Test
    void holdsTheJobAndNothingOfTheTools() throws IOException {
        Path jar = jobJar();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> entries = file.stream().map(e -> e.getName()).toList();
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.dexposure.job.ExposureMonitorJob");
            assertThat(entries).contains("io/dexposure/job/ExposureMonitorJob.class",
                    "io/dexposure/job/JobArguments.class",
                    "io/dexposure/analytics/roland/RolandLiveUpdate.class",
                    "io/dexposure/events/SnapshotEvent.class",
                    "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                    "org/apache/flink/graph/Graph.class",
                    "org/jgrapht/Graph.class");
            assertThat(entries).filteredOn(e -> e.startsWith("io/dexposure/replayer/")).as("replayer").isEmpty();
            assertThat(entries).filteredOn(e -> e.startsWith("io/dexposure/tools/")).as("tools").isEmpty();
            assertThat(entries).filteredOn(e -> e.startsWith("picocli/")).as("picocli").isEmpty();
            assertThat(entries).filteredOn(e -> e.startsWith("org/jfree/")).as("JFreeChart").isEmpty();
            assertThat(entries).filteredOn(e -> e.startsWith("io/micrometer/")).as("Micrometer").isEmpty();
            assertThat(entries).filteredOn(e -> e.startsWith("ai/djl/")).as("DJL (goes to lib/)").isEmpty();
            assertThat(entries).filteredOn(e -> e.startsWith("org/apache/flink/runtime/")).as("Flink runtime (the cluster's)").isEmpty();
            System.out.printf("job jar %s: %.1f MB, %d entries%n", jar.getFileName(), Files.size(jar) / 1e6, entries.size());
        }
    }

    @Test
    void djlWaitsBesideItForTheClustersLib() throws IOException {
        try (Stream<Path> lib = Files.list(TARGET.resolve("flink-lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.startsWith("api-0.36.0"))
                    .anyMatch(n -> n.startsWith("pytorch-engine-"))
                    .anyMatch(n -> n.startsWith("pytorch-native-cpu-"));
        }
    }

    private static Path jobJar() throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            return files.filter(p -> p.getFileName().toString().matches("dexposure-flink-jobs-.*-job\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no job jar in target/: the dist profile did not run"));
        }
    }
}
