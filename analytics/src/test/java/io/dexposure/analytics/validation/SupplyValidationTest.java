package io.dexposure.analytics.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class SupplyValidationTest {
    @Test
    void heldAgainstMarketCapAndInflowAgainstSupplyChange(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("supply-checks.csv");
        // WBTC: minted to be deposited, price moves (held tokens 10, 12, 15, 15; supply 100, 102, 105, 105).
        // USDT: held in the network falls while supply grows. DAI: one week only.
        Files.writeString(csv, String.join("\n", SupplyValidation.HEADER,
                "2022-05-02,WBTC,100,100,10", "2022-05-09,WBTC,240,102,20", "2022-05-16,wbtc,225,105,15", "2022-05-23,WBTC,150,105,10",
                "2022-05-02,USDT,50,1000,1", "2022-05-09,USDT,40,1010,1", "2022-05-16,USDT,30,1030,1", "2022-05-23,USDT,25,1035,1",
                "2022-05-23,DAI,700,500,1", ""));
        SupplyValidation.Summary s = SupplyValidation.summarise(SupplyValidation.read(csv), 2);
        // Largest holdings in the latest week first; DAI held above its supply (1.4x).
        assertThat(s.tokens()).extracting(SupplyValidation.Token::symbol).containsExactly("DAI", "WBTC");
        SupplyValidation.Token dai = s.tokens().get(0);
        assertThat(dai.meanShare()).isCloseTo(1.4, offset(1e-12));
        assertThat(dai.correlation()).isNaN();
        SupplyValidation.Token wbtc = s.tokens().get(1);
        // shares 0.1, 240/2040, 225/1575, 150/1050
        assertThat(wbtc.meanShare()).isCloseTo((0.1 + 240.0 / 2040 + 225.0 / 1575 + 150.0 / 1050) / 4, offset(1e-12));
        // Inflow in tokens 2, 3, 0 at prices 20, 15, 10 = 40, 45, 0; supply change 2, 3, 0 tokens = 40, 45, 0: r = 1.
        assertThat(wbtc.pairs()).isEqualTo(3);
        assertThat(wbtc.correlation()).isCloseTo(1.0, offset(1e-12));
        // Pooled over WBTC (40,40) (45,45) (0,0) and USDT (-10,10) (-10,20) (-5,5) and none from DAI.
        assertThat(s.pooledPairs()).isEqualTo(6);
        double r = SupplyValidation.pearson(List.of(new double[]{40, 40}, new double[]{45, 45}, new double[]{0, 0},
                new double[]{-10, 10}, new double[]{-10, 20}, new double[]{-5, 5}));
        assertThat(s.pooledCorrelation()).isEqualTo(r);
        // By hand (python3, plain sums): means 10 and 20, r = 0.88056.
        assertThat(r).isCloseTo(0.88056, offset(1e-5));
    }

    @Test
    void badLinesAreNamed(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("s.csv");
        Files.writeString(csv, SupplyValidation.HEADER + "\n2022-05-02,WBTC,x,1,1\n");
        assertThatThrownBy(() -> SupplyValidation.read(csv)).hasMessageContaining("line 2").hasMessageContaining("s.csv");
        Files.writeString(csv, "week,token\n");
        assertThatThrownBy(() -> SupplyValidation.read(csv)).hasMessageContaining("line 1 must be the header");
    }
}
