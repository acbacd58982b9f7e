package io.dexposure.analytics.sectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Against statsmodels' VAR on a fixed fixture (src/test/python/analyses/var_reference.py), to 1e-6. */
class VectorAutoregressionTest {
    private static final double TOL = 1e-6;
    private static double[][] y;
    private static JsonNode golden;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = VectorAutoregressionTest.class.getResourceAsStream("/analyses/var_fixture.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\n");
            List<double[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String[] cells = lines[i].split(",");
                double[] row = new double[cells.length];
                for (int j = 0; j < cells.length; j++) {
                    row[j] = Double.parseDouble(cells[j]);
                }
                rows.add(row);
            }
            y = rows.toArray(new double[0][]);
        }
        try (InputStream in = VectorAutoregressionTest.class.getResourceAsStream("/analyses/var_golden.json")) {
            golden = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void coefficientsStandardErrorsAndSigmaMatchStatsmodels() {
        VectorAutoregression v = VectorAutoregression.fit(y, golden.get("lags").asInt());
        assertThat(v.nobs()).isEqualTo(golden.get("nobs").asInt());
        double[][] params = v.params();
        JsonNode gp = golden.get("params");
        assertThat(params.length).isEqualTo(gp.size());
        for (int r = 0; r < params.length; r++) {
            for (int j = 0; j < 3; j++) {
                assertThat(params[r][j]).as("params[%d][%d]", r, j).isCloseTo(gp.get(r).get(j).asDouble(), within(TOL));
                assertThat(v.standardError(r, j)).as("stderr[%d][%d]", r, j)
                        .isCloseTo(golden.get("stderr").get(r).get(j).asDouble(), within(TOL));
            }
        }
        double[][] sigma = v.sigmaU();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                assertThat(sigma[a][b]).isCloseTo(golden.get("sigma_u").get(a).get(b).asDouble(), within(TOL));
            }
        }
        // lag(l)[j][i] is params[1 + (l-1)k + i][j]
        assertThat(v.lag(2)[1][0]).isEqualTo(params[1 + 3][1]);
        assertThat(v.intercept(2)).isEqualTo(params[0][2]);
    }

    @Test
    void informationCriteriaMatchStatsmodels() {
        VectorAutoregression v = VectorAutoregression.fit(y, golden.get("lags").asInt());
        assertThat(v.aic()).isCloseTo(golden.get("aic").asDouble(), within(TOL));
        assertThat(v.bic()).isCloseTo(golden.get("bic").asDouble(), within(TOL));
        assertThat(v.hqic()).isCloseTo(golden.get("hqic").asDouble(), within(TOL));
        assertThat(v.fpe()).isCloseTo(golden.get("fpe").asDouble(), within(TOL));
    }

    @Test
    void lagSelectionOnACommonSampleMatchesStatsmodels() {
        int maxLags = golden.get("maxlags").asInt();
        VectorAutoregression.LagSelection sel = VectorAutoregression.selectOrder(y, maxLags);
        String[] names = {"aic", "bic", "hqic", "fpe"};
        for (int c = 0; c < 4; c++) {
            JsonNode expected = golden.get("select_order").get(names[c]);
            for (int p = 0; p <= maxLags; p++) {
                assertThat(sel.criteria()[p][c]).as("%s at lag %d", names[c], p)
                        .isCloseTo(expected.get(p).asDouble(), within(TOL));
            }
            assertThat(sel.selected(c)).as(names[c]).isEqualTo(golden.get("selected").get(names[c]).asInt());
        }
        // The fixture was built so that AIC and BIC disagree: the selection is not trivially the same lag.
        assertThat(sel.selected(VectorAutoregression.LagSelection.AIC))
                .isNotEqualTo(sel.selected(VectorAutoregression.LagSelection.BIC));
    }

    @Test
    void impulseResponsesMatchStatsmodels() {
        int h = golden.get("horizon").asInt();
        VectorAutoregression v = VectorAutoregression.fit(y, golden.get("lags").asInt());
        double[][][] ma = v.maCoefficients(h);
        double[][][] orth = v.orthogonalisedIrf(h);
        for (int s = 0; s <= h; s++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(ma[s][r][c]).as("ma[%d][%d][%d]", s, r, c)
                            .isCloseTo(golden.get("ma").get(s).get(r).get(c).asDouble(), within(TOL));
                    assertThat(orth[s][r][c]).as("orth[%d][%d][%d]", s, r, c)
                            .isCloseTo(golden.get("orth_irf").get(s).get(r).get(c).asDouble(), within(TOL));
                }
            }
        }
    }

    @Test
    void grangerCausalityMatchesStatsmodels() {
        VectorAutoregression v = VectorAutoregression.fit(y, golden.get("lags").asInt());
        var fields = golden.get("granger").fields();
        int tested = 0;
        while (fields.hasNext()) {
            var e = fields.next();
            String[] pair = e.getKey().split("<-");
            VectorAutoregression.Granger g = v.granger(Integer.parseInt(pair[0]), Integer.parseInt(pair[1]));
            assertThat(g.statistic()).as(e.getKey()).isCloseTo(e.getValue().get("statistic").asDouble(), within(TOL));
            assertThat(g.pValue()).as(e.getKey()).isCloseTo(e.getValue().get("pvalue").asDouble(), within(TOL));
            assertThat(g.df1()).isEqualTo(e.getValue().get("df").get(0).asInt());
            assertThat(g.df2()).isEqualTo(e.getValue().get("df").get(1).asDouble());
            tested++;
        }
        assertThat(tested).isEqualTo(6);
    }

    @Test
    void asymptoticIrfStandardErrorsMatchStatsmodelsAtTwoLagOrders() {
        int h = golden.get("horizon").asInt();
        assertCells(VectorAutoregression.fit(y, golden.get("lags").asInt()).orthogonalisedIrfStandardErrors(h),
                golden.get("orth_irf_stderr"), "stderr");
        JsonNode other = golden.get("bic_lag");
        assertThat(other.get("lags").asInt()).isNotEqualTo(golden.get("lags").asInt());
        VectorAutoregression v1 = VectorAutoregression.fit(y, other.get("lags").asInt());
        assertCells(v1.orthogonalisedIrf(h), other.get("orth_irf"), "VAR(1) irf");
        assertCells(v1.orthogonalisedIrfStandardErrors(h), other.get("orth_irf_stderr"), "VAR(1) stderr");
    }

    @Test
    void asymptoticBandsMatchStatsmodelsAtBothLevels() {
        int h = golden.get("horizon").asInt();
        VectorAutoregression v = VectorAutoregression.fit(y, golden.get("lags").asInt());
        for (String signif : List.of("0.05", "0.10")) {
            VectorAutoregression.IrfBands bands = v.asymptoticBands(h, Double.parseDouble(signif));
            JsonNode expected = golden.get("orth_irf_asym_bands").get(signif);
            assertCells(bands.lower(), expected.get("lower"), "lower " + signif);
            assertCells(bands.upper(), expected.get("upper"), "upper " + signif);
            assertThat(bands.method()).isEqualTo(IrfBandMethod.ASYMPTOTIC);
            assertThat(bands.draws()).isZero();
        }
        // On impact a shock moves no series ordered before it: the Cholesky zeros have no uncertainty at all.
        double[][][] se = v.orthogonalisedIrfStandardErrors(h);
        assertThat(se[0][0][1]).isZero();
        assertThat(se[0][0][2]).isZero();
        assertThat(se[0][1][2]).isZero();
        // The wider 95% band contains the 90% one.
        assertThat(v.asymptoticBands(h, 0.05).lower()[3][2][1]).isLessThan(v.asymptoticBands(h, 0.10).lower()[3][2][1]);
    }

    private static void assertCells(double[][][] actual, JsonNode expected, String what) {
        assertThat(actual.length).as(what + " steps").isEqualTo(expected.size());
        for (int s = 0; s < actual.length; s++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(actual[s][r][c]).as("%s[%d][%d][%d]", what, s, r, c)
                            .isCloseTo(expected.get(s).get(r).get(c).asDouble(), within(TOL));
                }
            }
        }
    }

    @Test
    void bootstrapBandsAreSeededAndCoverTheEstimate() {
        VectorAutoregression v = VectorAutoregression.fit(y, 2);
        VectorAutoregression.IrfBands a = v.bootstrapBands(6, 200, 0.1, 7);
        VectorAutoregression.IrfBands b = v.bootstrapBands(6, 200, 0.1, 7);
        VectorAutoregression.IrfBands other = v.bootstrapBands(6, 200, 0.1, 8);
        assertThat(a.lower()).isDeepEqualTo(b.lower());
        assertThat(a.upper()).isDeepEqualTo(b.upper());
        assertThat(other.upper()[1][0][0]).isNotEqualTo(a.upper()[1][0][0]);
        assertThat(a.draws()).isEqualTo(200);
        assertThat(a.method()).isEqualTo(IrfBandMethod.BOOTSTRAP);
        double[][][] orth = v.orthogonalisedIrf(6);
        int inside = 0;
        int cells = 0;
        for (int s = 0; s <= 6; s++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(a.lower()[s][r][c]).isLessThanOrEqualTo(a.upper()[s][r][c]);
                    cells++;
                    if (orth[s][r][c] >= a.lower()[s][r][c] && orth[s][r][c] <= a.upper()[s][r][c]) {
                        inside++;
                    }
                }
            }
        }
        assertThat(inside).as("estimates inside their 90%% bands").isGreaterThanOrEqualTo((int) (0.85 * cells));
        // The own first-step response is clearly positive; its band must exclude zero.
        assertThat(a.lower()[0][0][0]).isGreaterThan(0);
    }

    @Test
    void tooFewObservationsIsOneClearError() {
        double[][] shortSeries = new double[5][3];
        assertThatThrownBy(() -> VectorAutoregression.fit(shortSeries, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs more than 7 observations");
    }
}
