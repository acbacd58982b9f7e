package io.dexposure.analytics.roland;

import io.dexposure.analytics.embedding.EmbeddingMap;
import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RolandEmbeddingsTest {

    @Test
    void theSampleWeeksEmbeddingsMapEveryNodeOfTheWeekToFiniteCoordinates() throws Exception {
        List<NetworkWeek> weeks = RolandWeeks.sample(4);
        RolandSettings settings = RolandWeeks.smallSettings();
        NetworkWeek last = weeks.get(3);
        RolandEmbeddings.Week embedded = RolandEmbeddings.through(weeks, last.week, settings);
        assertThat(embedded.week()).isEqualTo(last.week);
        assertThat(embedded.ids()).containsExactly(last.ids);
        assertThat(embedded.rows()).hasNumberOfRows(last.ids.length);
        assertThat(embedded.rows()[0]).hasSize(settings.hidden2());
        assertThat(Arrays.stream(embedded.rows()).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite)).isTrue();
        // The states differ between nodes (a map of identical rows would be one point).
        assertThat(Arrays.stream(embedded.rows()).map(Arrays::toString).distinct().count()).isGreaterThan(last.ids.length / 2);
        // The settings given are not changed (the embeddings turn the live baselines off in their own copy).
        assertThat(settings.liveBaselines).isTrue();

        // Week by week gives the same states as the one-call form (seeded, single-threaded).
        try (RolandEmbeddings stepwise = new RolandEmbeddings(settings)) {
            RolandEmbeddings.Week w = null;
            for (NetworkWeek week : weeks) {
                w = stepwise.advance(week);
            }
            assertThat(w.rows()).isDeepEqualTo(embedded.rows());
        }

        EmbeddingMap.Result map = EmbeddingMap.of(embedded.week(), embedded.ids(), embedded.rows(), EmbeddingMap.Input.ROLAND,
                EmbeddingMap.Settings.defaults().withIterations(300));
        assertThat(map.ids()).containsExactly(last.ids);
        assertThat(map.input()).isEqualTo(EmbeddingMap.Input.ROLAND);
        assertThat(Arrays.stream(map.xy()).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite)).isTrue();
        assertThat(RolandEmbeddings.through(weeks, "1999-01-04", settings)).isNull();
    }
}
