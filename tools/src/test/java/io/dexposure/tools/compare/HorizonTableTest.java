package io.dexposure.tools.compare;

import io.dexposure.analytics.linkpred.ChronologicalSplit;
import io.dexposure.analytics.linkpred.HorizonPairs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HorizonTableTest {
    @Test
    void jsonIsOneObjectPerModelAndHorizonWithMeansSpreadsAndWeeks() throws Exception {
        Map<String, Map<Integer, List<HorizonPairs.Score>>> byModel = new LinkedHashMap<>();
        byModel.put("roland", new TreeMap<>(Map.of(
                1, List.of(new HorizonPairs.Score("2022-11-07", 1, 0.9, 0.8, 0.7, 10, 50), new HorizonPairs.Score("2022-11-14", 1, 0.7, 0.6, 0.5, 10, 50)),
                4, List.of(new HorizonPairs.Score("2022-11-14", 4, 0.6, 0.5, 0.4, 10, 50)))));
        byModel.put("persistence", new TreeMap<>(Map.of(
                1, List.of(new HorizonPairs.Score("2022-11-07", 1, 0.75, 0.6, 0.55, 10, 50)))));
        HorizonComparison.Result result = new HorizonComparison.Result(new ChronologicalSplit(2, 0, 2), List.of(1, 4), byModel,
                List.of(), Map.of(1, List.of(2.0, 1.0)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HorizonTable.printJson(new PrintStream(bytes, true, StandardCharsets.UTF_8), result);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(lines.get(0));
        assertThat(first.get("model").asText()).isEqualTo("roland");
        assertThat(first.get("horizon").asInt()).isEqualTo(1);
        assertThat(first.get("auroc").asDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(first.get("auprc").asDouble()).isCloseTo(0.7, within(1e-12));
        assertThat(first.get("mrr").asDouble()).isCloseTo(0.6, within(1e-12));
        assertThat(first.get("aurocSd").asDouble()).isCloseTo(0.1, within(1e-12));
        assertThat(first.get("weeks").asInt()).isEqualTo(2);
        assertThat(first.get("weightMae").asDouble()).isCloseTo(1.5, within(1e-12));
        assertThat(mapper.readTree(lines.get(1)).get("horizon").asInt()).isEqualTo(4);
        assertThat(mapper.readTree(lines.get(1)).has("weightMae")).isFalse();
        JsonNode persistence = mapper.readTree(lines.get(2));
        assertThat(persistence.get("model").asText()).isEqualTo("persistence");
        assertThat(persistence.has("weightMae")).isFalse();
    }
}
