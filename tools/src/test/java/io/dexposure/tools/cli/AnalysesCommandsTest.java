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
import static org.assertj.core.api.Assertions.within;

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
        // The shipped sample (generator v2) names its protocols' sectors with the real mapping's groups.
        assertThat(json.get("sectors").size()).isEqualTo(4);
        assertThat(json.get("sectors").toString()).contains("Trading & Exchanges");
        assertThat(json.get("weeks").size()).isEqualTo(32);
        assertThat(json.get("irf").size()).isEqualTo(6);
        assertThat(json.get("irf").get(0).size()).isEqualTo(4);
        assertThat(json.get("bootstrapDraws").asInt()).isEqualTo(20);
        assertThat(json.get("irfBands").asText()).isEqualTo("bootstrap");
    }

    @Test
    void sectorsAsymptoticBandsAreTheEstimatePlusMinusZStandardErrors() throws Exception {
        Run r = run("sectors", "--input", SAMPLE, "--json", "--irf-bands", "asymptotic", "--horizon", "5");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("irfBands").asText()).isEqualTo("asymptotic");
        assertThat(json.get("bootstrapDraws").asInt()).isZero();
        double z = 1.6448536269514722; // the default alpha 0.10
        for (int step : new int[] {0, 3}) {
            double irf = json.get("irf").get(step).get(1).get(0).asDouble();
            double se = json.get("irfStderr").get(step).get(1).get(0).asDouble();
            assertThat(se).isPositive();
            assertThat(json.get("irfLower").get(step).get(1).get(0).asDouble()).isCloseTo(irf - z * se, within(1e-9));
            assertThat(json.get("irfUpper").get(step).get(1).get(0).asDouble()).isCloseTo(irf + z * se, within(1e-9));
        }
        Run table = run("sectors", "--input", SAMPLE, "--irf-bands", "asymptotic", "--horizon", "2");
        assertThat(table.out()).contains("[90% asymptotic band, delta method]");
        Run noBands = run("sectors", "--input", SAMPLE, "--bootstrap", "0", "--horizon", "2");
        assertThat(noBands.out()).contains("[no bands]").doesNotContain("NaN");
        Run bad = run("sectors", "--input", SAMPLE, "--irf-bands", "jackknife");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err().trim()).startsWith("sectors: --irf-bands: IRF bands: 'jackknife' is none of [asymptotic, bootstrap]");
    }

    @Test
    void theCollapsingTokenNodesShowAsTheTokenSectorsOutflow() throws Exception {
        // UST and LUNA are token nodes without a sector: --token-sector makes them one (docs/analyses.md).
        Run r = run("sectors", "--input", SAMPLE, "--json", "--bootstrap", "20", "--horizon", "5",
                "--token-sector", "tokens", "--sector", "tokens", "--sector", "Trading & Exchanges",
                "--sector", "Lending, Borrowing & Real World Assets", "--lag-criterion", "bic");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("sectors").get(0).asText()).isEqualTo("tokens");
        int terra = 0;
        while (!json.get("weeks").get(terra).asText().equals("2022-05-09")) {
            terra++;
        }
        double terraOutflow = json.get("netInflowUsdBillions").get(terra).get(0).asDouble();
        for (int w = 0; w < json.get("weeks").size(); w++) {
            if (w != terra && w != terra + 1) {
                assertThat(json.get("netInflowUsdBillions").get(w).get(0).asDouble()).as("tokens, week %d", w)
                        .isGreaterThan(terraOutflow);
            }
        }
        assertThat(terraOutflow).as("tokens' net inflow in the Terra-like week ($B)").isNegative();
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
        assertThat(first.get("detectors").size()).as("four detectors and the autoencoder, on by default").isEqualTo(5);
        assertThat(first.get("drivers").size()).isPositive();
        assertThat(first.get("ensemble").asDouble()).isGreaterThan(collapse.get("top").get(4).get("ensemble").asDouble());
    }

    @Test
    void anomaliesWithTheAutoencoderScoreItAsAFifthDetectorAndWithoutItFour() throws Exception {
        Run r = run("anomalies", "--input", SAMPLE, "--to", "2022-05-09", "--top", "5", "--json", "--autoencoder",
                "--autoencoder-window", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.out().trim().split("\n");
        assertThat(lines).hasSize(4);
        JsonNode first = new ObjectMapper().readTree(lines[3]).get("top").get(0);
        assertThat(first.get("detectors").size()).isEqualTo(5);
        assertThat(first.get("detectors").get("autoencoder").asDouble()).isPositive();
        Run without = run("anomalies", "--input", SAMPLE, "--to", "2022-05-09", "--top", "5", "--json", "--no-autoencoder");
        assertThat(without.exit()).as(without.err()).isZero();
        JsonNode four = new ObjectMapper().readTree(without.out().trim().split("\n")[3]).get("top").get(0);
        assertThat(four.get("detectors").size()).isEqualTo(4);
        assertThat(four.get("detectors").has("autoencoder")).isFalse();
    }
}
