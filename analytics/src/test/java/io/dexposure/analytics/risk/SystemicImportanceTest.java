package io.dexposure.analytics.risk;

import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SystemicImportanceTest {
    @Test
    void scoreIsTheMeanOfNormalisedPageRankTailAndLogTvl() {
        // Node 1 holds 6 tokens of others: 10, 20, 30, 40, 50, 60 -> top-5 share = 200/210.
        NetworkWeek w = ContagionTest.week(Map.of("1", 1e6, "2", 1e3, "3", 1.0, "4", 0.0, "5", 10.0, "6", 5.0, "7", 2.0),
                "1>2:10", "1>3:20", "1>4:30", "1>5:40", "1>6:50", "1>7:60", "2>1:5");
        double[] pageRank = {0.1, 0.4, 0.05, 0.05, 0.2, 0.1, 0.1};
        SystemicImportance.Scores s = SystemicImportance.equalWeights().score(w, pageRank);
        double maxLog = Math.log1p(1e6);
        assertThat(s.tailScore()[0]).isCloseTo(200.0 / 210, within(1e-15));
        assertThat(s.tailExposureUsd()[0]).isCloseTo(200, within(1e-12));
        assertThat(s.tailScore()[1]).isEqualTo(1.0); // one outgoing link: all of it in the top 5
        assertThat(s.tailScore()[2]).isZero();         // no outgoing links
        assertThat(s.score()[0]).isCloseTo((0.1 / 0.4 + 200.0 / 210 + 1.0) / 3, within(1e-15));
        assertThat(s.score()[1]).isCloseTo((1.0 + 1.0 + Math.log1p(1e3) / maxLog) / 3, within(1e-15));
        assertThat(s.score()[3]).isCloseTo((0.05 / 0.4) / 3, within(1e-15));
    }

    @Test
    void sectorSpilloverExcludesTheDiagonalAndIndexesTheOffDiagonalShares() {
        NetworkWeek w = ContagionTest.week(Map.of("1", 1.0, "2", 1.0, "3", 1.0), "1>2:30", "2>1:10", "1>3:60");
        w.categories = new String[]{"Lending", "Dexes", null};
        SectorSpillover.Result r = SectorSpillover.of(w);
        // Lending->Dexes 30, Dexes->Lending 10, Lending->other 60.
        assertThat(r.totalUsd()).isEqualTo(100);
        assertThat(r.flows()).extracting(f -> f.from + ">" + f.to + ":" + f.usd)
                .containsExactly("Dexes>Lending:10.0", "Lending>Dexes:30.0", "Lending>other:60.0");
        assertThat(r.index()).isCloseTo(0.1 * 0.1 + 0.3 * 0.3 + 0.6 * 0.6, within(1e-15));
        w.categories = new String[]{"Lending", "Lending", "Lending"};
        assertThat(SectorSpillover.of(w).index()).isZero();
    }
}
