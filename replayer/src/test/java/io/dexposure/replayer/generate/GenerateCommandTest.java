package io.dexposure.replayer.generate;

import io.dexposure.replayer.cli.GenerateCommand;
import io.dexposure.replayer.snapshot.ProtocolDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateCommandTest {
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new GenerateCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void writesSnapshotMappingAndManifestBesideOut(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run/snapshots.json");
        int exit = run("--nodes", "80", "--links", "300", "--from", "2022-04-25", "--weeks", "12", "--seed", "5",
                "--out", file.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(file).isRegularFile();
        // Generator v2 (the default since issue 13): ~44 % of the nodes are protocols, the rest token nodes.
        assertThat(ProtocolDirectory.load(dir.resolve("run/id_to_info.json")).size()).isGreaterThanOrEqualTo(30);
        assertThat(ScenarioManifest.read(dir.resolve("run/scenarios.json"))).extracting(ScenarioGroundTruth::name)
                .containsExactly("terra-like");
        assertThat(err.toString()).contains("10/12 weeks written", "12/12 weeks written", "MB")
                .contains("ftx-like not scripted");
        assertThat(GeneratedOutput.data(Files.readAllBytes(file)).size()).isEqualTo(12);
    }

    @Test
    void explicitPathsAndNoScenarios(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("counts.csv");
        Files.writeString(csv, "date,num_nodes,num_links\n2022-05-02,900,4000\n2022-05-09,950,4100\n"
                + "2022-05-16,1000,4300\n", StandardCharsets.UTF_8);
        int exit = run("--sizes", csv.toString(), "--scale", "0.1", "--no-scenarios", "--out",
                dir.resolve("a.json").toString(), "--mapping-out", dir.resolve("m.json").toString(),
                "--scenarios-out", dir.resolve("s.json").toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(ScenarioManifest.read(dir.resolve("s.json"))).isEmpty();
        assertThat(dir.resolve("m.json")).isRegularFile();
        assertThat(dir.resolve("id_to_info.json")).doesNotExist();
    }

    @Test
    void movedCollapseWeek(@TempDir Path dir) throws IOException {
        int exit = run("--nodes", "60", "--links", "200", "--from", "2021-01-04", "--weeks", "5", "--terra-week",
                "2021-01-18", "--out", dir.resolve("x.json").toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(ScenarioManifest.read(dir.resolve("scenarios.json"))).singleElement()
                .satisfies(s -> assertThat(s.baselineWeek()).hasToString("2021-01-11"));
    }

    @Test
    void badFlagsAreUsageErrors(@TempDir Path dir) {
        String outFile = dir.resolve("x.json").toString();
        assertThat(run("--nodes", "100")).isEqualTo(2);
        assertThat(err.toString()).contains("--out");
        assertThat(run("--out", outFile, "--weeks", "4", "--terra-week", "2022-05-10")).isEqualTo(2);
        assertThat(err.toString()).contains("--terra-week 2022-05-10 must be a generated week");
        assertThat(run("--out", outFile, "--scale", "0.5")).isEqualTo(2);
        assertThat(run("--out", outFile, "--from", "2022-05-10", "--weeks", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("Monday");
        assertThat(run("--out", outFile, "--weeks", "2", "--nodes", "40")).isEqualTo(2);
        assertThat(run("--out", outFile, "--from", "yesterday")).isEqualTo(2);
        assertThat(run("--out", outFile, "--weeks", "2", "--nodes", "100", "--links", "50")).isEqualTo(2);
        assertThat(err.toString()).contains("links, at least");
        assertThat(dir.resolve("x.json")).doesNotExist();
    }

    @Test
    void helpListsTheFlagsWithDefaults() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--out", "--mapping-out", "--scenarios-out", "--seed", "Default: 42",
                "--sizes", "--scale", "--from", "--to", "--nodes", "--links", "--weeks", "--no-scenarios",
                "--terra-week", "2022-05-09", "--ftx-week", "2022-11-07");
    }
}
