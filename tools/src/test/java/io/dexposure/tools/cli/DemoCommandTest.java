package io.dexposure.tools.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command, on five weeks of the shipped sample: real broker, real MiniCluster. */
class DemoCommandTest {
    @TempDir
    Path workDir;

    @Test
    void demoPrintsEveryWeekInOrderAndStopsEverything() throws Exception {
        DemoCommand demo = new DemoCommand();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        demo.out = new PrintStream(captured, true, StandardCharsets.UTF_8);

        int exit = new CommandLine(demo).execute("--input", "../data/sample/dexposure-sample.json",
                "--from", "2022-05-02", "--to", "2022-05-30", "--work-dir", workDir.toString(),
                "--checkpoint-interval-ms", "300");

        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        List<String> rows = output.lines().filter(l -> l.matches("^2022-\\d\\d-\\d\\d\\s+\\d+.*")).toList();
        assertThat(rows).extracting(r -> r.substring(0, 10))
                .containsExactly("2022-05-02", "2022-05-09", "2022-05-16", "2022-05-23", "2022-05-30");
        assertThat(output).contains("5 of 5 weeks computed, 0 reported as issues").contains("total TVL");
        assertThat(Files.readAllLines(workDir.resolve("network-metrics.jsonl"))).hasSize(5);
        // ROLAND's live quality: one row per week that scored the week before's predictions.
        assertThat(output).contains("Next-week link prediction");
        assertThat(output.lines().filter(l -> l.matches("^2022-05-\\d\\d \\|.*")).map(l -> l.substring(0, 10)))
                .containsExactly("2022-05-09", "2022-05-16", "2022-05-23", "2022-05-30");
        // The broker is a child JVM started in the work dir: it must be gone once the demo returns.
        Optional<ProcessHandle> leftover = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(workDir.toString())).orElse(false))
                .findAny();
        assertThat(leftover).isEmpty();
    }
}
