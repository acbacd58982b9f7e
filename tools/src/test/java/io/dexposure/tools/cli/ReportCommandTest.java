package io.dexposure.tools.cli;

import io.dexposure.analytics.embedding.EmbeddingMap;
import io.dexposure.replayer.cli.CliErrors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's embedding-map flags, parsed and checked without Kafka or a store. */
class ReportCommandTest {

    @Test
    void theEmbeddingFlagsDefaultToTheMapsDefaultsAndParse() {
        ReportCommand defaults = new ReportCommand();
        new CommandLine(defaults).parseArgs();
        EmbeddingMap.Settings d = EmbeddingMap.Settings.defaults();
        assertThat(defaults.embeddingSource).isEqualTo(EmbeddingMap.Input.FEATURES);
        assertThat(defaults.embeddingMaxExactNodes).isEqualTo(d.maxExactNodes()).isEqualTo(1000);
        assertThat(defaults.embeddingMaxBarnesHutNodes).isEqualTo(d.maxBarnesHutNodes()).isEqualTo(5000);
        assertThat(defaults.embeddingTheta).isEqualTo(d.theta()).isEqualTo(0.5);

        ReportCommand given = new ReportCommand();
        new CommandLine(given).parseArgs("--embedding-source", "ROLAND", "--embedding-max-barnes-hut-nodes", "11000",
                "--embedding-theta", "0.8", "--roland-gnn-sizes", "16,8");
        assertThat(given.embeddingSource).isEqualTo(EmbeddingMap.Input.ROLAND);
        assertThat(given.embeddingMaxBarnesHutNodes).isEqualTo(11000);
        assertThat(given.embeddingTheta).isEqualTo(0.8);
        assertThat(given.roland.settings().hidden2()).isEqualTo(8);
    }

    @Test
    void aRolandMapWithoutTheSnapshotFailsBeforeAnythingIsRead() {
        StringWriter err = new StringWriter();
        CommandLine cli = CliErrors.commandLine(new ReportCommand());
        cli.setErr(new PrintWriter(err));
        // No broker runs here: the command must stop before it tries to read the result topics.
        int code = cli.execute("--embedding-source", "ROLAND", "--bootstrap-servers", "127.0.0.1:1");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("--embedding-source ROLAND").contains("--snapshot");
    }
}
