package io.dexposure.replayer.generate;

import io.dexposure.replayer.cli.GenerateCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * data/sample/ must be exactly what the command documented in data/README.md produces. Paths are
 * relative to the module directory (Maven runs tests there).
 */
class ShippedSampleTest {
    private static final Path COUNTS_CSV = Path.of("../../shared/data/weekly_node_link_counts.csv");
    private static final Path SAMPLE_DIR = Path.of("../data/sample");

    /** The flags in data/README.md, with --out pointing at {@code out}. */
    static String[] documentedCommand(Path csv, Path out) {
        return new String[]{"--sizes", csv.toString(), "--scale", "0.05", "--from", "2022-04-18", "--to", "2022-11-28",
                "--seed", "42", "--out", out.toString()};
    }

    @Test
    void documentedCommandRegeneratesTheShippedSampleByteForByte(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isRegularFile(COUNTS_CSV), "the weekly counts CSV is not at " + COUNTS_CSV.toAbsolutePath()
                + " (it lives outside the repository); skipping the sample regeneration check");
        Path out = dir.resolve("dexposure-sample.json");
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new GenerateCommand()).setErr(new PrintWriter(err))
                .execute(documentedCommand(COUNTS_CSV, out));
        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.size(out)).isLessThanOrEqualTo(5_000_000);
        for (String name : new String[]{"dexposure-sample.json", "id_to_info.json", "scenarios.json"}) {
            assertThat(Files.readAllBytes(dir.resolve(name))).as("%s differs from %s; regenerate with the command "
                    + "in data/README.md", name, SAMPLE_DIR.resolve(name)).isEqualTo(Files.readAllBytes(SAMPLE_DIR.resolve(name)));
        }
    }

    @Test
    void shippedSampleHasBothScenarios() throws IOException {
        Path manifest = SAMPLE_DIR.resolve("scenarios.json");
        assumeTrue(Files.isRegularFile(manifest), "no shipped sample at " + SAMPLE_DIR.toAbsolutePath());
        assertThat(ScenarioManifest.read(manifest)).extracting(ScenarioGroundTruth::name)
                .containsExactly("terra-like", "ftx-like");
        assertThat(Files.size(SAMPLE_DIR.resolve("dexposure-sample.json"))).isLessThanOrEqualTo(5_000_000);
    }
}
