package io.dexposure.analytics.network;

import io.dexposure.events.NodeKind;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeeklyNetworkTest {
    private static final LocalDate WEEK = LocalDate.of(2022, 5, 9);

    @Test
    void buildsSortedRowsAndMergesParallelLinks() {
        WeeklyNetwork net = WeeklyNetwork.builder(WEEK)
                .addNode("1", 100, "Alpha", "Lending", Map.of("USDT", 60.0))
                .addNode("USDT", 40, null, null, null)
                .addNode("2", 50, "Beta", "Dexes", null)
                .addLink("1", "2", 20)
                .addLink("1", "USDT", 15)
                .addLink("1", "2", 5)
                .addLink("2", "1", 7)
                .build();

        assertThat(net.nodeCount()).isEqualTo(3);
        assertThat(net.linkCount()).isEqualTo(3);
        assertThat(net.mergedParallelLinks()).isEqualTo(1);
        int a = net.indexOf("1");
        assertThat(net.outDegree(a)).isEqualTo(2);
        // Targets of a row are ascending by node index: USDT (1) before "2" (2).
        assertThat(net.target(net.outStart(a))).isEqualTo(net.indexOf("USDT"));
        assertThat(net.weight(net.outStart(a) + 1)).isEqualTo(25.0);
        assertThat(net.inDegree(net.indexOf("USDT"))).isEqualTo(1);
        assertThat(net.kind(net.indexOf("USDT"))).isEqualTo(NodeKind.TOKEN_BUCKET);
        assertThat(net.kind(a)).isEqualTo(NodeKind.PROTOCOL);
        assertThat(net.composition(a)).containsEntry("USDT", 60.0);
        assertThat(net.indexOf("nope")).isEqualTo(-1);
    }

    @Test
    void rejectsDuplicateNodesAndLinksToUnknownNodes() {
        WeeklyNetwork.WeeklyNetworkBuilder builder = WeeklyNetwork.builder(WEEK).addNode("1", 1, null, null, null);
        assertThatThrownBy(() -> builder.addNode("1", 2, null, null, null))
                .hasMessageContaining("2022-05-09").hasMessageContaining("'1' appears twice");
        assertThatThrownBy(() -> builder.addLink("1", "99", 3))
                .hasMessageContaining("'99'");
    }

    @Test
    void growsPastInitialCapacity() {
        WeeklyNetwork.WeeklyNetworkBuilder builder = WeeklyNetwork.builder(WEEK);
        for (int i = 0; i < 1000; i++) {
            builder.addNode(Integer.toString(i), i, null, null, null);
        }
        for (int i = 0; i < 999; i++) {
            builder.addLink(Integer.toString(i), Integer.toString(i + 1), 1.0);
        }
        WeeklyNetwork net = builder.build();
        assertThat(net.nodeCount()).isEqualTo(1000);
        assertThat(net.linkCount()).isEqualTo(999);
        assertThat(net.tvlUsd(net.indexOf("999"))).isEqualTo(999.0);
    }
}
