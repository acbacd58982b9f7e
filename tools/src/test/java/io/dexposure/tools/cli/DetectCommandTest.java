package io.dexposure.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.replayer.cli.CliErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DetectCommandTest {
    private static final String SAMPLE = "../data/sample/dexposure-sample.json";

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            int exit = CliErrors.commandLine(new DexposureCli()).setErr(new PrintWriter(err, true)).execute(args);
            return new Run(exit, bytes.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void jsonPrintsEveryRecordAsOnTheTopicsOnePerLine() throws Exception {
        Run r = run("detect", "--input", SAMPLE, "--from", "2022-05-02", "--to", "2022-05-16", "--json");
        assertThat(r.exit()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            records.add(json.readTree(line));
        }
        assertThat(records).allSatisfy(n -> {
            assertThat(n.path("record").asText()).isIn("alert", "incident");
            assertThat(n.hasNonNull("week")).isTrue();
            assertThat(n.hasNonNull("severity")).isTrue();
            assertThat(n.hasNonNull("subject")).isTrue();
            assertThat(n.path("subjects").isArray()).isTrue();
        });
        JsonNode collapse = records.stream().filter(n -> n.path("id").asText().equals("2022-05-09:asset-collapse:UST")).findFirst().orElseThrow();
        assertThat(collapse.path("severity").asText()).isEqualTo("critical");
        assertThat(collapse.path("incident").asText()).isEqualTo("incident:2022-05-09:UST");
        JsonNode creditor = collapse.path("subjects").get(1);
        assertThat(creditor.path("role").asText()).isEqualTo("creditor");
        assertThat(creditor.hasNonNull("id") && creditor.hasNonNull("name") && creditor.path("usd").asDouble() > 0).isTrue();
        assertThat(records).filteredOn(n -> n.path("record").asText().equals("incident"))
                .extracting(n -> n.path("id").asText())
                .containsExactly("incident:2022-05-09:UST@2022-05-09", "incident:2022-05-09:UST@2022-05-16");
    }

    @Test
    void aBadFileIsOneClearLineWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"data\": {\"2022-05-02\": {\"nodes\": [ {\"id\": ");
        Run r = run("detect", "--input", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).startsWith("detect: ").doesNotContain("\tat ").doesNotContain("Exception");
    }
}
