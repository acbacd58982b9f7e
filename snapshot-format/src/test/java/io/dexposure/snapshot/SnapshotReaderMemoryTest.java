package io.dexposure.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader's memory is bounded by one week, not by the file: a ~200 MB file of dataset-sized weeks is
 * read by a child JVM whose heap (160 MB) is smaller than the file.
 */
class SnapshotReaderMemoryTest {
    private static final String CHILD_HEAP = "-Xmx160m";
    private static final int WEEKS = 18;

    @TempDir
    Path dir;

    @Test
    void readsAFileLargerThanTheHeapOneWeekAtATime() throws Exception {
        Path file = dir.resolve("large-snapshot.json");
        try {
            long writeStart = System.nanoTime();
            SyntheticSnapshotFile.Expected expected = SyntheticSnapshotFile.write(file, 20220103L, WEEKS, 11_200, 75_000);
            long writeMillis = (System.nanoTime() - writeStart) / 1_000_000;
            assertThat(expected.bytes()).as("file size").isGreaterThanOrEqualTo(200L << 20);

            Map<String, String> read = readInChildJvm(file);

            assertThat(read.get("weeks")).isEqualTo(Integer.toString(WEEKS));
            assertThat(Long.parseLong(read.get("nodes"))).isEqualTo(expected.nodes());
            assertThat(Long.parseLong(read.get("links"))).isEqualTo(expected.keptLinks());
            assertThat(Long.parseLong(read.get("dropped"))).isEqualTo(expected.droppedLinks());
            assertThat(Long.parseLong(read.get("flipped"))).isEqualTo(expected.flippedLinks());
            assertThat(Double.parseDouble(read.get("exposureUsd"))).isEqualTo(expected.exposureUsd());
            assertThat(Long.parseLong(read.get("bytes"))).isEqualTo(expected.bytes());
            long millis = Math.max(1, Long.parseLong(read.get("millis")));
            System.out.printf("SnapshotReaderMemoryTest: wrote %d MB in %d ms; child JVM %s read %d weeks, %d nodes,"
                            + " %d links in %d ms = %.0f MB/s, peak heap <= %s MB%n",
                    expected.bytes() >> 20, writeMillis, CHILD_HEAP, WEEKS, expected.nodes(), expected.keptLinks(),
                    millis, (expected.bytes() / 1e6) / (millis / 1e3), read.get("peakHeapMb"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Map<String, String> readInChildJvm(Path file) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), CHILD_HEAP, "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), ReadAllWeeks.class.getName(), file.toString())
                .redirectErrorStream(true)
                .start();
        // The output is a few lines (one result, maybe logging setup notes): read it all, then wait.
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("child JVM did not finish; output:\n" + output);
        }
        assertThat(child.exitValue()).as("child JVM exit code; output:%n%s", output).isZero();
        String result = output.lines().filter(line -> line.startsWith("weeks=")).findFirst()
                .orElseThrow(() -> new AssertionError("no result line in child output:\n" + output));
        Map<String, String> values = new HashMap<>();
        for (String pair : result.split(" ")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return values;
    }
}
