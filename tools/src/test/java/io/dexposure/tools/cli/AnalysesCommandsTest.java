package io.dexposure.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.replayer.cli.CliErrors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The sectors and anomalies commands end to end on the shipped sample. */
class AnalysesCommandsTest {
    private static final String SAMPLE = "../data/sample/dexposure-sample.json";

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine cli = CliErrors.commandLine(new DexposureCli());
            cli.setErr(new PrintWriter(err, true));
            int exit = cli.execute(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void sectorsJsonHasTheFitOfTheLargestSectors() throws Exception {
        Run r = run("sectors", "--input", SAMPLE, "--json", "--bootstrap", "20", "--horizon", "5");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("sectors").toString()).isEqualTo("[\"CEX\",\"Lending\",\"Liquid Staking\",\"Dexes\"]");
        assertThat(json.get("weeks").size()).isEqualTo(32);
        assertThat(json.get("lag").asInt()).isEqualTo(1);
        assertThat(json.get("irf").size()).isEqualTo(6);
        assertThat(json.get("irf").get(0).size()).isEqualTo(4);
        assertThat(json.get("bootstrapDraws").asInt()).isEqualTo(20);
        int collapse = 0;
        while (!json.get("weeks").get(collapse).asText().equals("2022-11-07")) {
            collapse++;
        }
        assertThat(json.get("netInflowUsdBillions").get(collapse).get(0).asDouble()).as("CEX, 2022-11-07").isLessThan(-5);
    }

    @Test
    void unknownSectorIsOneLine() {
        Run r = run("sectors", "--input", SAMPLE, "--sector", "Nope", "--bootstrap", "5");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().trim()).startsWith("sectors: sector VAR: no sector 'Nope' in the window; sectors: [")
                .doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void anomaliesJsonListsTheTopNodesWithEveryDetector() throws Exception {
        Run r = run("anomalies", "--input", SAMPLE, "--to", "2022-05-16", "--top", "5", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.out().trim().split("\n");
        assertThat(lines).hasSize(5);
        JsonNode collapse = new ObjectMapper().readTree(lines[3]);
        assertThat(collapse.get("week").asText()).isEqualTo("2022-05-09");
        assertThat(collapse.get("top").size()).isEqualTo(5);
        JsonNode first = collapse.get("top").get(0);
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("detectors").size()).isEqualTo(4);
        assertThat(first.get("drivers").size()).isPositive();
        assertThat(first.get("ensemble").asDouble()).isGreaterThan(collapse.get("top").get(4).get("ensemble").asDouble());
    }
}
