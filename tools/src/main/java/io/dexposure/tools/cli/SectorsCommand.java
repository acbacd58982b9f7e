package io.dexposure.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dexposure.analytics.sectors.IrfBandMethod;
import io.dexposure.analytics.sectors.SectorFlowWeek;
import io.dexposure.analytics.sectors.SectorFlows;
import io.dexposure.analytics.sectors.SectorVarAnalysis;
import io.dexposure.analytics.sectors.TokenPriceMoves;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.replayer.cli.SnapshotReadOptions;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code sectors}: an analyst's window of a snapshot file as sector flows and a VAR of them: lag
 * choice, coefficients, impulse responses with bands, Granger p-values. Streams the file week by week.
 */
@Command(name = "sectors", mixinStandardHelpOptions = true,
        description = "Weekly sector flows of a snapshot file and a VAR of them: lag by AIC/BIC, coefficients, "
                + "orthogonalised impulse responses with bootstrap or asymptotic bands, Granger causality.")
public class SectorsCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Snapshot file (.json or .json.gz).")
    Path input;

    @Mixin
    SnapshotReadOptions reading = new SnapshotReadOptions();

    @Option(names = "--prices", description = "CSV week,token,price_usd: net inflow then excludes price moves (default: none, net inflow = TVL change).")
    Path prices;

    @Option(names = "--sector", description = "A sector to model; repeat it, in Cholesky order (sector names may hold commas) (default: the --top-sectors largest by mean TVL).")
    List<String> sectors = new ArrayList<>();

    @Option(names = "--token-sector", description = "Name for a pseudo-sector of the token nodes (their held value as its TVL), so that a collapsing token shows as a flow (default: none, token nodes are 'other' and hold no TVL of their own).")
    String tokenSector;

    @Option(names = "--top-sectors", description = "How many of the largest sectors when --sectors is not given (default: ${DEFAULT-VALUE}).")
    int topSectors = SectorVarAnalysis.Settings.defaults().topSectors();

    @Option(names = "--max-lags", description = "Largest lag tried; capped by what the window can estimate (default: ${DEFAULT-VALUE}).")
    int maxLags = SectorVarAnalysis.Settings.defaults().maxLags();

    @Option(names = "--lag-criterion", description = "aic, bic, hqic or fpe (default: ${DEFAULT-VALUE}).")
    String criterion = SectorVarAnalysis.Settings.defaults().criterion();

    @Option(names = "--horizon", description = "Impulse-response steps (weeks) (default: ${DEFAULT-VALUE}).")
    int horizon = SectorVarAnalysis.Settings.defaults().horizon();

    @Option(names = "--irf-bands", description = "How the IRF bands are drawn: bootstrap (residual bootstrap, percentile bands; --bootstrap draws) or asymptotic (delta method, estimate +- z standard errors, as statsmodels' default) (default: ${DEFAULT-VALUE}).")
    String irfBands = SectorVarAnalysis.Settings.defaults().irfBands().flagValue();

    @Option(names = "--bootstrap", description = "Bootstrap repetitions for the IRF bands with --irf-bands bootstrap; 0 leaves the bands out (default: ${DEFAULT-VALUE}).")
    int bootstrap = SectorVarAnalysis.Settings.defaults().bootstrapRepetitions();

    @Option(names = "--alpha", description = "Bands cover 1 - alpha (default: ${DEFAULT-VALUE}).")
    double alpha = SectorVarAnalysis.Settings.defaults().alpha();

    @Option(names = "--seed", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed = SectorVarAnalysis.Settings.defaults().seed();

    @Option(names = "--json", description = "Print the flows and the fit as one JSON object (default: ${DEFAULT-VALUE}).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        IrfBandMethod bands;
        try {
            bands = IrfBandMethod.parse(irfBands.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--irf-bands: " + e.getMessage());
        }
        ProtocolDirectory directory = reading.directory(input);
        SectorFlows flows = new SectorFlows(prices == null ? TokenPriceMoves.none() : TokenPriceMoves.read(prices),
                tokenSector);
        List<SectorFlowWeek> weeks = new ArrayList<>();
        long start = System.nanoTime();
        int read = 0;
        try (SnapshotReader reader = SnapshotReader.open(input, reading.readerOptions())) {
            while (reader.hasNext()) {
                var week = reader.next();
                SectorFlowWeek w = flows.next(SnapshotNetworks.of(week, directory));
                read++;
                if (w != null) {
                    weeks.add(w);
                }
                System.err.printf("\r%d weeks read (%s), %.1f s", read, week.week(), (System.nanoTime() - start) / 1e9);
            }
        }
        System.err.println();
        SectorVarAnalysis.Result r = SectorVarAnalysis.analyse(weeks, new SectorVarAnalysis.Settings(sectors, topSectors,
                maxLags, criterion.toLowerCase(Locale.ROOT), horizon, bands, bootstrap, alpha, seed));
        PrintStream out = System.out;
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(SectorVarAnalysis.toJson(r)));
        } else {
            out.print(SectorVarTables.render(r));
        }
        return 0;
    }
}
