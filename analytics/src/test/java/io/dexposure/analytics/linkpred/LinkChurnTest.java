package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.week.SnapshotHistory;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

public class LinkChurnTest {
    static final Path SAMPLE = Path.of("../data/sample/dexposure-sample.json");

    /** The first {@code weeks} weeks of the shipped sample with links churned like the real data's. */
    public static List<NetworkWeek> churnedSample(int weeks) throws Exception {
        List<NetworkWeek> all = SnapshotHistory.read(SAMPLE, SnapshotReader.Options.all(), ProtocolDirectory.empty());
        return LinkChurn.apply(all.subList(0, weeks), LinkChurnCalibration.KEEP_FOR_REAL_PERSISTENCE, 7);
    }

    @Test
    void churnedSampleHasTheRealDatasPersistenceSameNodesSameLinkCountsAndIsSeeded() throws Exception {
        List<NetworkWeek> base = SnapshotHistory.read(SAMPLE, SnapshotReader.Options.all(), ProtocolDirectory.empty()).subList(0, 12);
        List<NetworkWeek> churned = churnedSample(12);
        // The base is whatever the shipped sample is (v2 already churns like the real data); the re-drawn
        // history has the requested persistence whatever it started from.
        double sum = 0;
        for (int t = 1; t < churned.size(); t++) {
            double r = LinkChurn.persistence(churned.get(t - 1), churned.get(t));
            System.out.printf("week %s persistence %.3f%n", churned.get(t).week, r);
            sum += r;
            assertThat(churned.get(t).ids).containsExactly(base.get(t).ids);
            assertThat(churned.get(t).linkCount()).isEqualTo(base.get(t).linkCount());
        }
        // DeXposure-FM's persistence baseline implies r ~ 0.53 on the real data (real-data.md section 2).
        assertThat(sum / (churned.size() - 1)).isCloseTo(0.53, within(0.05));
        assertThat(churnedSample(12).get(11).linkTargets).containsExactly(churned.get(11).linkTargets);
    }
}
