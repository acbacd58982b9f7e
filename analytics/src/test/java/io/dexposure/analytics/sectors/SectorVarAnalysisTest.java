package io.dexposure.analytics.sectors;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SectorVarAnalysisTest {
    /** 60 weeks of three sectors: B follows A one week later, C is noise and never changes in "Flat". */
    private static List<SectorFlowWeek> weeks() {
        SplittableRandom r = new SplittableRandom(3);
        List<SectorFlowWeek> out = new ArrayList<>();
        double a = 0;
        for (int t = 0; t < 60; t++) {
            double previousA = a;
            a = r.nextDouble(-1, 1) * 1e9;
            double b = 0.8 * previousA + r.nextDouble(-0.2, 0.2) * 1e9;
            double c = r.nextDouble(-1, 1) * 1e9;
            out.add(new SectorFlowWeek("w" + t, "w" + (t - 1), List.of(
                    new SectorFlowWeek.Sector("A", 30e9, a, 0, a),
                    new SectorFlowWeek.Sector("B", 20e9, b, 0, b),
                    new SectorFlowWeek.Sector("C", 10e9, c, 0, c),
                    new SectorFlowWeek.Sector("Flat", 40e9, 0, 0, 0)), List.of(), false));
        }
        return out;
    }

    @Test
    void findsTheLeadLagAndLeavesOutAFlatSector() {
        SectorVarAnalysis.Result r = SectorVarAnalysis.analyse(weeks(), new SectorVarAnalysis.Settings(
                List.of(), 4, 3, "bic", 4, IrfBandMethod.BOOTSTRAP, 100, 0.1, 1));
        assertThat(SectorVarAnalysis.largestSectors(weeks(), 2)).containsExactly("Flat", "A");
        assertThat(r.sectors()).containsExactly("A", "B", "C");
        assertThat(r.droppedSectors()).containsExactly("Flat");
        assertThat(r.lag()).isEqualTo(1);
        // params row 1 = L1.A; column 1 = B's equation: about 0.8
        assertThat(r.params()[1][1]).isCloseTo(0.8, within(0.1));
        assertThat(r.grangerP()[1][0]).as("B caused by A").isLessThan(1e-6);
        assertThat(r.grangerP()[0][1]).as("A caused by B").isGreaterThan(0.01);
        assertThat(Double.isNaN(r.grangerP()[2][2])).isTrue();
        // A shock in A moves B one week later, with a band away from zero.
        assertThat(r.irfLower()[1][1][0]).isGreaterThan(0);
        assertThat(r.flowsBillions()[0][0]).isCloseTo(weeks().get(0).sector("A").netInflowUsd() / 1e9, within(1e-12));
        assertThat(r.irfBandMethod()).isEqualTo(IrfBandMethod.BOOTSTRAP);
        assertThat(r.irfStderr()).isNull();
    }

    @Test
    void asymptoticBandsFindTheSameLeadLagWithoutDraws() {
        SectorVarAnalysis.Settings settings = new SectorVarAnalysis.Settings(List.of(), 4, 3, "bic", 4,
                IrfBandMethod.ASYMPTOTIC, 100, 0.1, 1);
        SectorVarAnalysis.Result r = SectorVarAnalysis.analyse(weeks(), settings);
        assertThat(r.irfBandMethod()).isEqualTo(IrfBandMethod.ASYMPTOTIC);
        assertThat(r.bootstrapDraws()).isZero();
        assertThat(r.irfLower()[1][1][0]).as("B one week after a shock in A").isGreaterThan(0);
        // Symmetric around the estimate by construction: estimate +- z(0.95) standard errors.
        double z = 1.6448536269514722;
        assertThat(r.irfUpper()[2][2][1] - r.irf()[2][2][1]).isCloseTo(z * r.irfStderr()[2][2][1], within(1e-12));
        assertThat(r.irf()[2][2][1] - r.irfLower()[2][2][1]).isCloseTo(z * r.irfStderr()[2][2][1], within(1e-12));
        // Deterministic: no seed in it.
        SectorVarAnalysis.Result again = SectorVarAnalysis.analyse(weeks(), new SectorVarAnalysis.Settings(List.of(), 4, 3,
                "bic", 4, IrfBandMethod.ASYMPTOTIC, 100, 0.1, 99));
        assertThat(again.irfLower()).isDeepEqualTo(r.irfLower());
    }

    @Test
    void bootstrapWithoutDrawsLeavesTheBandsOut() {
        SectorVarAnalysis.Result r = SectorVarAnalysis.analyse(weeks(), new SectorVarAnalysis.Settings(List.of(), 4, 3,
                "bic", 4, IrfBandMethod.BOOTSTRAP, 0, 0.1, 1));
        assertThat(r.irfBandMethod()).isNull();
        assertThat(r.irfLower()).isNull();
        assertThat(r.irf()).isNotNull();
    }

    @Test
    void unknownSectorOrCriterionIsOneClearError() {
        assertThatThrownBy(() -> SectorVarAnalysis.analyse(weeks(), new SectorVarAnalysis.Settings(
                List.of("A", "Lending"), 4, 3, "aic", 4, IrfBandMethod.BOOTSTRAP, 10, 0.1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sector VAR: no sector 'Lending' in the window; sectors: [A, B, C, Flat]");
        assertThatThrownBy(() -> SectorVarAnalysis.analyse(weeks(), new SectorVarAnalysis.Settings(
                List.of(), 4, 3, "xic", 4, IrfBandMethod.BOOTSTRAP, 10, 0.1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown lag criterion 'xic'");
    }
}
