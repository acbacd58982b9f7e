package io.dexposure.analytics.roland;

import ai.djl.ndarray.NDManager;
import io.dexposure.analytics.gnn.GnnEngine;
import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class NewLinkRankingTest {
    @Test
    void topKEqualsAFullSortOfEveryNonLinkHolderIssuerPairTiesIncluded() {
        int n = 300;
        int d = 4;
        SplittableRandom random = new SplittableRandom(3);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("p" + i);
        }
        List<String> links = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (links.size() < 1500) {
            int s = random.nextInt(n);
            int t = random.nextInt(n);
            if (s != t && seen.add(s + ">" + t)) {
                links.add("p" + s + ">p" + t);
            }
        }
        NetworkWeek week = RolandWeeks.week("2024-01-01", ids, links.toArray(String[]::new));
        // Coarse embeddings (quarters) so that many pairs tie and the tie order is exercised.
        float[] embeddings = new float[n * d];
        for (int i = 0; i < embeddings.length; i++) {
            embeddings[i] = random.nextInt(5) / 4f;
        }
        float[] weight = {1f, 0.5f, -0.25f, 2f};
        float bias = -0.5f;

        boolean[] holder = new boolean[n];
        boolean[] issuer = new boolean[n];
        Set<Long> existing = new HashSet<>();
        for (int e = 0; e < week.linkCount(); e++) {
            holder[week.linkSources[e]] = true;
            issuer[week.linkTargets[e]] = true;
            existing.add((long) week.linkSources[e] * n + week.linkTargets[e]);
        }
        List<NewLinkRanking.Candidate> all = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < n; t++) {
                if (holder[s] && issuer[t] && s != t && !existing.contains((long) s * n + t)) {
                    float dot = 0;
                    for (int k = 0; k < d; k++) {
                        dot += embeddings[s * d + k] * weight[k] * embeddings[t * d + k];
                    }
                    all.add(new NewLinkRanking.Candidate(s, t, dot + (double) bias));
                }
            }
        }
        all.sort(Comparator.comparingDouble(NewLinkRanking.Candidate::logit).reversed()
                .thenComparingInt(NewLinkRanking.Candidate::source).thenComparingInt(NewLinkRanking.Candidate::target));

        try (NDManager manager = GnnEngine.load(1).newBaseManager()) {
            for (int k : new int[] {1, 25, 200}) {
                List<NewLinkRanking.Candidate> top = NewLinkRanking.topK(manager, week, embeddings, d, weight, bias, k);
                assertThat(top).hasSize(k);
                for (int i = 0; i < k; i++) {
                    assertThat(top.get(i).source()).as("rank %d of %d", i, k).isEqualTo(all.get(i).source());
                    assertThat(top.get(i).target()).as("rank %d of %d", i, k).isEqualTo(all.get(i).target());
                    assertThat(top.get(i).logit()).isCloseTo(all.get(i).logit(), org.assertj.core.api.Assertions.within(1e-5));
                }
            }
        }
    }
}
