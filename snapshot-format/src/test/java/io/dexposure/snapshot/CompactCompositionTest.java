package io.dexposure.snapshot;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class CompactCompositionTest {
    private final CompactComposition composition =
            new CompactComposition(new String[] {"WETH", "USDT"}, new double[] {2.5, 1.0});

    @Test
    void behavesAsAMapInFileOrder() {
        Map<String, Double> same = new LinkedHashMap<>();
        same.put("USDT", 1.0);
        same.put("WETH", 2.5);

        assertThat(composition).containsExactly(entry("WETH", 2.5), entry("USDT", 1.0));
        assertThat(composition).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(composition.get("USDT")).isEqualTo(1.0);
        assertThat(composition.get("DAI")).isNull();
        assertThat(composition.containsKey("WETH")).isTrue();
        assertThat(composition.toString()).isEqualTo("{WETH=2.5, USDT=1.0}");
    }

    @Test
    void isUnmodifiable() {
        assertThatThrownBy(() -> composition.put("DAI", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> composition.entrySet().iterator().next().setValue(0.0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> composition.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
