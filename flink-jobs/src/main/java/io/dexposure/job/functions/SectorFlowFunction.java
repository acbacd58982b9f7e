package io.dexposure.job.functions;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.analytics.sectors.RollingSectorVar;
import io.dexposure.analytics.sectors.SectorFlowRecord;
import io.dexposure.analytics.sectors.SectorFlowWeek;
import io.dexposure.analytics.sectors.SectorFlows;
import io.dexposure.analytics.sectors.TokenPriceMoves;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.job.options.MarketAnalysesOptions;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The sequential sector operator: weeks in week order (from the {@link WeekSequencer}); each one's sector
 * flows against the previous week ({@link SectorFlows}) and the VAR refitted on the last weeks' flows
 * ({@link RollingSectorVar}), one record a week. State, bounded whatever the number of weeks: the previous
 * week's sector totals and the window of sector rows (at most --sector-var-window weeks), both as JSON.
 */
public class SectorFlowFunction extends KeyedProcessFunction<Integer, NetworkWeek, SectorFlowRecord> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SectorFlowFunction.class);
    public static final TypeInformation<SectorFlowRecord> TYPE = TypeInformation.of(SectorFlowRecord.class);
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<List<SectorFlowWeek>> WINDOW = new TypeReference<>() {
    };

    private final MarketAnalysesOptions options;
    private transient SectorFlows flows;
    private transient RollingSectorVar.Settings settings;
    private transient ValueState<String> previousTotals;
    private transient ValueState<String> window;
    private transient Counter weeksFitted;
    private transient volatile long lastFlowsMillis;
    private transient volatile long lastVarMillis;

    public SectorFlowFunction(MarketAnalysesOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext openContext) {
        flows = new SectorFlows(prices(options.sectorPrices), options.sectorTokenSector);
        settings = options.sectorVar();
        previousTotals = getRuntimeContext().getState(new ValueStateDescriptor<>("previous-sector-totals", Types.STRING));
        window = getRuntimeContext().getState(new ValueStateDescriptor<>("sector-var-window", Types.STRING));
        var group = getRuntimeContext().getMetricGroup();
        weeksFitted = group.counter("sectorVarWeeksFitted");
        group.gauge("lastSectorFlowsMillis", () -> lastFlowsMillis);
        group.gauge("lastSectorVarMillis", () -> lastVarMillis);
    }

    /** The --sector-prices file, or no prices (net inflow = TVL change); a file that cannot be read stops the job here. */
    static TokenPriceMoves prices(String file) {
        if (file == null || file.isBlank()) {
            return TokenPriceMoves.none();
        }
        try {
            return TokenPriceMoves.read(java.nio.file.Path.of(file));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("--sector-prices " + file + ": cannot read the price file (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void processElement(NetworkWeek week, Context ctx, Collector<SectorFlowRecord> out) throws Exception {
        if (!week.complete) {
            // A rejected week carries no network: the next week is compared with the last good one.
            return;
        }
        String stored = previousTotals.value();
        SectorFlows.Totals before = stored == null ? null : JSON.readValue(stored, SectorFlows.Totals.class);
        if (before != null && week.week.compareTo(before.week()) <= 0) {
            LOG.warn("Week {} arrived after week {}; sector flows skip it", week.week, before.week());
            return;
        }
        long start = System.nanoTime();
        SectorFlows.Totals current = flows.totals(week);
        previousTotals.update(JSON.writeValueAsString(current));
        if (before == null) {
            return; // the first week has nothing to be compared with
        }
        SectorFlowWeek flow = flows.compare(before, current);
        String storedWindow = window.value();
        List<SectorFlowWeek> weeks = RollingSectorVar.advance(storedWindow == null ? List.of() : JSON.readValue(storedWindow, WINDOW),
                flow, settings.window());
        window.update(JSON.writeValueAsString(weeks));
        long fitStart = System.nanoTime();
        RollingSectorVar.Fit fit = RollingSectorVar.fit(weeks, settings);
        lastVarMillis = (System.nanoTime() - fitStart) / 1_000_000;
        lastFlowsMillis = (fitStart - start) / 1_000_000;
        if (fit.fitted()) {
            weeksFitted.inc();
        }
        out.collect(SectorFlowRecord.of(flow, weeks.size(), fit));
    }
}
