package io.dexposure.snapshot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeIdIndexTest {
    @Test
    void findsIdsByStringAndByCharacterRange() {
        NodeIdIndex index = new NodeIdIndex(4);
        assertThat(index.putIfAbsent("1599", 0)).isEqualTo(-1);
        assertThat(index.putIfAbsent("USDT", 1)).isEqualTo(-1);
        char[] buffer = "xx1599USDTyy".toCharArray();

        assertThat(index.positionOf("USDT")).isEqualTo(1);
        assertThat(index.positionOf(buffer, 2, 4)).isZero();
        assertThat(index.positionOf(buffer, 6, 4)).isEqualTo(1);
        assertThat(index.positionOf(buffer, 2, 3)).as("a prefix is another id").isEqualTo(-1);
        assertThat(index.positionOf("WETH")).isEqualTo(-1);
    }

    @Test
    void putIfAbsentReturnsTheEarlierPositionOfADuplicate() {
        NodeIdIndex index = new NodeIdIndex(4);
        index.putIfAbsent("182", 0);

        assertThat(index.putIfAbsent("182", 7)).isZero();
        assertThat(index.positionOf("182")).isZero();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void growsPastItsInitialCapacityAndClearsForTheNextWeek() {
        NodeIdIndex index = new NodeIdIndex(8);
        for (int i = 0; i < 20_000; i++) {
            assertThat(index.putIfAbsent(Integer.toString(i), i)).isEqualTo(-1);
        }
        for (int i = 0; i < 20_000; i += 997) {
            char[] text = Integer.toString(i).toCharArray();
            assertThat(index.positionOf(text, 0, text.length)).isEqualTo(i);
        }

        index.clear(20_000);

        assertThat(index.size()).isZero();
        assertThat(index.positionOf("42")).isEqualTo(-1);
        index.putIfAbsent("42", 3);
        assertThat(index.positionOf("42")).isEqualTo(3);
    }
}
