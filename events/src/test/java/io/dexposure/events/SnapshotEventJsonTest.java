package io.dexposure.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotEventJsonTest {
    @Test
    void nodeRoundTripsWithOnlyItsOwnFields() {
        SnapshotEvent node = SnapshotEvent.node("2022-05-09", 3, "1599", 1.5e9, Map.of("USDT", 1.0e9), "AAVE V3", "Lending");
        String json = SnapshotEventJson.toJson(node);

        assertThat(json).isEqualTo("{\"type\":\"node\",\"week\":\"2022-05-09\",\"seq\":3,\"id\":\"1599\",\"kind\":\"protocol\","
                + "\"name\":\"AAVE V3\",\"category\":\"Lending\",\"tvlUsd\":1.5E9,\"composition\":{\"USDT\":1.0E9}}");
        assertThat(SnapshotEventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(node);
    }

    @Test
    void linkAndMarkerRoundTrip() {
        SnapshotEvent link = SnapshotEvent.link("2022-05-09", 0, "1599", "USDT", 12.5, Map.of(), true);
        SnapshotEvent marker = SnapshotEvent.weekClosed("2022-05-09", 10, 20, 1, 2, "sample.json");
        assertThat(SnapshotEventJson.fromBytes(SnapshotEventJson.toBytes(link))).isEqualTo(link);
        assertThat(SnapshotEventJson.fromBytes(SnapshotEventJson.toBytes(marker))).isEqualTo(marker);
        assertThat(SnapshotEventJson.toJson(marker)).doesNotContain("seq").contains("\"links\":20");
        assertThat(SnapshotEventJson.toJson(link)).contains("\"flipped\":true").doesNotContain("\"node\"");
    }

    @Test
    void tokenBucketsAreClassified() {
        assertThat(NodeKind.classify("1599")).isEqualTo(NodeKind.PROTOCOL);
        assertThat(NodeKind.classify("parent#aave")).isEqualTo(NodeKind.PROTOCOL);
        assertThat(NodeKind.classify("USDT")).isEqualTo(NodeKind.TOKEN_BUCKET);
        assertThat(NodeKind.classify("UNKNOWN")).isEqualTo(NodeKind.TOKEN_BUCKET);
    }

    @Test
    void unreadableRecordsNameWhatIsWrong() {
        assertThatThrownBy(() -> SnapshotEventJson.fromBytes("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SnapshotEventJson.MalformedEventException.class).hasMessageContaining("not valid JSON")
                .hasMessageContaining("{not json");
        assertThatThrownBy(() -> SnapshotEventJson.fromBytes("{\"type\":\"edge\",\"week\":\"2022-05-09\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no known type");
        assertThatThrownBy(() -> SnapshotEventJson.fromBytes("{\"type\":\"node\",\"week\":\"9 May\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no valid week");
    }
}
