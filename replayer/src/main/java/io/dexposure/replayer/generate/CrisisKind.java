package io.dexposure.replayer.generate;

import java.time.LocalDate;

/** The two scripted crises and their default first collapse week (the second is 7 days later). */
public enum CrisisKind {
    /** An algorithmic stablecoin and its ecosystem collapse (Terra/UST, May 2022). */
    TERRA_LIKE("terra-like", "ecosystem", LocalDate.of(2022, 5, 9)),
    /** A CEX's exchange token collapses and the exchange and its linked cluster drain (FTX/FTT, Nov 2022). */
    FTX_LIKE("ftx-like", "exchange-linked cluster", LocalDate.of(2022, 11, 7));

    private final String scenarioName;
    private final String clusterRole;
    private final LocalDate defaultFirstWeek;

    CrisisKind(String scenarioName, String clusterRole, LocalDate defaultFirstWeek) {
        this.scenarioName = scenarioName;
        this.clusterRole = clusterRole;
        this.defaultFirstWeek = defaultFirstWeek;
    }

    /** The name in the scenario manifest ("terra-like", "ftx-like"). */
    public String scenarioName() {
        return scenarioName;
    }

    /** What the cluster ids stand for in the manifest. */
    public String clusterRole() {
        return clusterRole;
    }

    public LocalDate defaultFirstWeek() {
        return defaultFirstWeek;
    }
}
