package io.dexposure.analytics.alerts;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.List;

/** The Terra-like weeks of {@link AssetRulesTest} for tests in other packages: before, crash, two quiet weeks. */
public final class AssetRulesFixtures {
    private AssetRulesFixtures() {
    }

    public static List<NetworkWeek> weeks() {
        return List.of(AssetRulesTest.week("2022-05-02", 1, 1), AssetRulesTest.week("2022-05-09", 0.3, 0.2),
                AssetRulesTest.week("2022-05-16", 0.3, 0.2), AssetRulesTest.week("2022-05-23", 0.3, 0.2));
    }
}
