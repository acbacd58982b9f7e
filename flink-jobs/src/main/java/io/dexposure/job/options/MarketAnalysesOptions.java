package io.dexposure.job.options;

import io.dexposure.analytics.anomaly.AnomalyEnsemble;
import io.dexposure.analytics.anomaly.Autoencoder;
import io.dexposure.analytics.anomaly.CollapseLosses;
import io.dexposure.analytics.sectors.IrfBandMethod;
import io.dexposure.analytics.sectors.RollingSectorVar;
import io.dexposure.analytics.sectors.SectorVarAnalysis;
import picocli.CommandLine.Option;

import java.io.Serializable;
import java.util.List;

/**
 * The seed's market analyses in the stream (issue 17): sector flows with a rolling VAR, and the anomaly
 * ensemble's top-N. One option group: a picocli mixin for the commands that need it, and what the
 * operators of this concern receive. The job's own {@code main} reads the same flags without picocli
 * ({@link io.dexposure.job.JobArguments}).
 */
public class MarketAnalysesOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    @Option(names = "--sector-flows", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Emit the sector-flows stream: each week's sector net inflows and cross-sector flows, with a VAR refitted on the last weeks; --no-sector-flows leaves the operator out (default: ${DEFAULT-VALUE}).")
    public boolean sectorFlows = true;

    @Option(names = "--sector-var-window", description = "Weeks of sector flows the streaming VAR is refitted on every week (default: ${DEFAULT-VALUE}).")
    public int sectorVarWindow = RollingSectorVar.Settings.defaults().window();

    @Option(names = "--sector-var-sectors", description = "Sectors in the streaming VAR: the largest by mean TVL over the window (default: ${DEFAULT-VALUE}).")
    public int sectorVarSectors = RollingSectorVar.Settings.defaults().var().topSectors();

    @Option(names = "--sector-var-max-lags", description = "Largest VAR lag tried; capped by what the window can estimate (default: ${DEFAULT-VALUE}).")
    public int sectorVarMaxLags = RollingSectorVar.Settings.defaults().var().maxLags();

    @Option(names = "--sector-var-criterion", description = "Lag criterion of the streaming VAR: aic, bic, hqic or fpe (default: ${DEFAULT-VALUE}).")
    public String sectorVarCriterion = RollingSectorVar.Settings.defaults().var().criterion();

    @Option(names = "--sector-var-horizon", description = "Impulse-response steps (weeks) of the streaming VAR (default: ${DEFAULT-VALUE}).")
    public int sectorVarHorizon = RollingSectorVar.Settings.defaults().var().horizon();

    @Option(names = "--sector-var-irf-bands", description = "How the streaming VAR's impulse-response bands are drawn every week: asymptotic (delta method, as statsmodels' default; no refits) or bootstrap (--sector-var-bootstrap refits a week) (default: ${DEFAULT-VALUE}).")
    public String sectorVarIrfBands = RollingSectorVar.Settings.defaults().var().irfBands().flagValue();

    @Option(names = "--sector-var-bootstrap", description = "Bootstrap draws for the impulse-response bands every week, with --sector-var-irf-bands bootstrap; 0 leaves the bands out (default: ${DEFAULT-VALUE}).")
    public int sectorVarBootstrap = RollingSectorVar.Settings.defaults().var().bootstrapRepetitions();

    @Option(names = "--sector-token-sector", description = "Name of a pseudo-sector holding the token nodes' held value, so that a collapsing token shows as a flow (default: none, token nodes are 'other' and hold no TVL of their own).")
    public String sectorTokenSector;

    @Option(names = "--sector-prices", description = "CSV week,token,price_usd, read when the sector-flows operator starts: net inflow then leaves out what each sector's holdings gained or lost by price alone, as the sectors command's --prices (default: none, net inflow = TVL change). On a cluster every TaskManager must be able to read the file.")
    public String sectorPrices;

    @Option(names = "--anomalies", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Emit the anomalies stream: each week's most anomalous nodes by the ensemble (Isolation Forest, k-means, DBSCAN, PCA, autoencoder); --no-anomalies leaves the operator out (default: ${DEFAULT-VALUE}).")
    public boolean anomalies = true;

    @Option(names = "--anomaly-top", description = "Nodes per week on the anomalies stream (default: ${DEFAULT-VALUE}).")
    public int anomalyTop = 20;

    @Option(names = "--anomaly-features", description = "Features the ensemble scores: all (levels and week-over-week changes) or changes (default: ${DEFAULT-VALUE}).")
    public String anomalyFeatures = "all";

    @Option(names = "--anomaly-seed", description = "Seed of the Isolation Forest and k-means (default: ${DEFAULT-VALUE}).")
    public long anomalySeed = AnomalyEnsemble.Settings.defaults().seed();

    @Option(names = "--anomaly-material-usd", description = "Score only nodes whose TVL, in- or out-strength reached this many USD "
            + "this week or last; 0 = every node (default: ${DEFAULT-VALUE}).")
    public double anomalyMaterialUsd = AnomalyEnsemble.Settings.defaults().materialUsd();

    @Option(names = "--anomaly-autoencoder", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Score with the autoencoder (DJL/PyTorch) as the ensemble's fifth detector, warm-started week after week on a "
                    + "rolling window of sampled rows kept in state; --no-anomaly-autoencoder leaves it out (default: ${DEFAULT-VALUE}).")
    public boolean anomalyAutoencoder = true;

    @Option(names = "--anomaly-autoencoder-window", description = "Weeks the autoencoder trains on, this week included (default: ${DEFAULT-VALUE}).")
    public int anomalyAutoencoderWindow = Autoencoder.Settings.defaults().windowWeeks();

    @Option(names = "--anomaly-autoencoder-sample-rows", description = "Rows of each week the autoencoder's window keeps in state (a seeded "
            + "sample); 0 = all (default: ${DEFAULT-VALUE}).")
    public int anomalyAutoencoderSampleRows = Autoencoder.Settings.defaults().sampleRows();

    @Option(names = "--anomaly-autoencoder-warm-epochs", description = "Autoencoder epochs a week continuing from last week's weights; "
            + "0 = retrain from the seed every week (default: ${DEFAULT-VALUE}).")
    public int anomalyAutoencoderWarmEpochs = Autoencoder.Settings.defaults().warmEpochs();

    @Option(names = "--anomaly-collapse-fall", description = "Median fall of an issuer's holdings (its holders' this week over last) "
            + "from which it counts as collapsing, for the ensemble's own-loss and creditor-loss features (default: ${DEFAULT-VALUE}).")
    public double anomalyCollapseFall = CollapseLosses.Settings.defaults().collapseFall();

    @Option(names = "--anomaly-collapse-holders", description = "Holders holding an issuer both weeks needed to call its fall a collapse "
            + "(default: ${DEFAULT-VALUE}).")
    public int anomalyCollapseHolders = CollapseLosses.Settings.defaults().minHolders();

    /** The streaming VAR's settings; a bad criterion, band method or window fails here, at submission. */
    public RollingSectorVar.Settings sectorVar() {
        if (!List.of("aic", "bic", "hqic", "fpe").contains(sectorVarCriterion)) {
            throw new IllegalArgumentException("--sector-var-criterion: '" + sectorVarCriterion + "' is none of aic, bic, hqic, fpe");
        }
        if (sectorVarSectors < 1 || sectorVarMaxLags < 1 || sectorVarHorizon < 1 || sectorVarBootstrap < 0) {
            throw new IllegalArgumentException("--sector-var-sectors, --sector-var-max-lags and --sector-var-horizon must be"
                    + " at least 1, --sector-var-bootstrap at least 0");
        }
        IrfBandMethod bands;
        try {
            bands = IrfBandMethod.parse(sectorVarIrfBands);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--sector-var-irf-bands: " + e.getMessage());
        }
        SectorVarAnalysis.Settings d = SectorVarAnalysis.Settings.defaults();
        return new RollingSectorVar.Settings(sectorVarWindow, new SectorVarAnalysis.Settings(List.of(), sectorVarSectors,
                sectorVarMaxLags, sectorVarCriterion, sectorVarHorizon, bands, sectorVarBootstrap, d.alpha(), d.seed()));
    }

    /** The ensemble's settings: the documented defaults with this seed. */
    public AnomalyEnsemble.Settings anomalyEnsemble() {
        AnomalyEnsemble.Settings d = AnomalyEnsemble.Settings.defaults();
        if (!(anomalyMaterialUsd >= 0)) {
            throw new IllegalArgumentException("--anomaly-material-usd must be at least 0, not " + anomalyMaterialUsd);
        }
        return d.withSeed(anomalySeed).withMaterialUsd(anomalyMaterialUsd);
    }

    /** The autoencoder's settings (with this seed), or null when it is left out; bad values fail here, at submission. */
    public Autoencoder.Settings anomalyAutoencoderSettings() {
        if (!anomalyAutoencoder) {
            return null;
        }
        Autoencoder.Settings d = Autoencoder.Settings.defaults();
        return new Autoencoder.Settings(anomalyAutoencoderWindow, d.hidden(), d.bottleneck(), d.epochs(), d.learningRate(), anomalySeed,
                anomalyAutoencoderSampleRows, anomalyAutoencoderWarmEpochs);
    }

    /** When an issuer counts as collapsing; a bad value fails here, at submission. */
    public CollapseLosses.Settings collapseLosses() {
        if (!(anomalyCollapseFall > 0 && anomalyCollapseFall <= 1) || anomalyCollapseHolders < 1) {
            throw new IllegalArgumentException("--anomaly-collapse-fall must be in (0, 1] and --anomaly-collapse-holders at least 1");
        }
        return new CollapseLosses.Settings(anomalyCollapseFall, anomalyCollapseHolders);
    }

    /** Whether the ensemble scores the change features only; a bad value fails here, at submission. */
    public boolean anomalyChangesOnly() {
        return switch (anomalyFeatures) {
            case "all" -> false;
            case "changes" -> true;
            default -> throw new IllegalArgumentException("--anomaly-features: '" + anomalyFeatures + "' is neither all nor changes");
        };
    }
}
