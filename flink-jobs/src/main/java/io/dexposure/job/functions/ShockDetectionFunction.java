package io.dexposure.job.functions;

import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.analytics.alerts.ChangePointDetector;
import io.dexposure.analytics.alerts.ShockDetector;
import io.dexposure.analytics.risk.ProtocolRisk;
import io.dexposure.analytics.risk.WeekRisk;
import io.dexposure.analytics.week.NetworkWeek;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.analytics.incidents.Incident;
import io.dexposure.analytics.incidents.IncidentState;
import io.dexposure.analytics.incidents.IncidentTracker;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sequential risk operator: weeks arrive in week order (from the {@link WeekSequencer}); each is
 * assessed against the previous one by the {@link ShockDetector}. Alerts are the main output, the
 * week's top systemic protocols and its contagion summary side outputs. State: the previous analysed
 * week and its risk record, and one change-point detector per watched metric, so a restarted job picks
 * up where it was.
 */
public class ShockDetectionFunction extends KeyedProcessFunction<Integer, NetworkWeek, Alert> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ShockDetectionFunction.class);
    public static final TypeInformation<Alert> ALERT = TypeInformation.of(Alert.class);
    public static final TypeInformation<ProtocolRisk> PROTOCOL_RISK = TypeInformation.of(ProtocolRisk.class);
    public static final TypeInformation<WeekRisk> WEEK_RISK = TypeInformation.of(WeekRisk.class);
    public static final TypeInformation<Incident> INCIDENT = TypeInformation.of(Incident.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertThresholds thresholds;
    private final OutputTag<ProtocolRisk> protocolRisk;
    private final OutputTag<WeekRisk> weekRisk;
    private final OutputTag<Incident> incidents;
    private transient IncidentTracker tracker;
    /** The open incidents as JSON (IncidentState); cleared when none is open. */
    private transient ValueState<String> openIncidents;
    private transient ShockDetector detector;
    private transient ValueState<NetworkWeek> previous;
    private transient ValueState<WeekRisk> previousRisk;
    private transient MapState<String, ChangePointDetector> detectors;
    private transient Map<String, Counter> alertsEmitted;
    private transient Counter weeksAssessed;

    public ShockDetectionFunction(AlertThresholds thresholds, OutputTag<ProtocolRisk> protocolRisk, OutputTag<WeekRisk> weekRisk) {
        this(thresholds, protocolRisk, weekRisk, null);
    }

    /** @param incidents side output for incident records (null: incidents are tracked but not emitted) */
    public ShockDetectionFunction(AlertThresholds thresholds, OutputTag<ProtocolRisk> protocolRisk, OutputTag<WeekRisk> weekRisk,
                                  OutputTag<Incident> incidents) {
        this.thresholds = thresholds;
        this.protocolRisk = protocolRisk;
        this.weekRisk = weekRisk;
        this.incidents = incidents;
    }

    @Override
    public void open(OpenContext openContext) {
        detector = new ShockDetector(thresholds);
        tracker = new IncidentTracker(thresholds);
        openIncidents = getRuntimeContext().getState(new ValueStateDescriptor<>("open-incidents", Types.STRING));
        previous = getRuntimeContext().getState(new ValueStateDescriptor<>("previous-week", WeekSequencer.TYPE));
        previousRisk = getRuntimeContext().getState(new ValueStateDescriptor<>("previous-week-risk", WEEK_RISK));
        detectors = getRuntimeContext().getMapState(new MapStateDescriptor<>("change-point-detectors", Types.STRING,
                TypeInformation.of(ChangePointDetector.class)));
        var group = getRuntimeContext().getMetricGroup();
        alertsEmitted = new HashMap<>();
        for (String severity : new String[]{Alert.INFO, Alert.WARNING, Alert.CRITICAL}) {
            alertsEmitted.put(severity, group.addGroup("severity", severity).counter("alertsEmitted"));
        }
        weeksAssessed = group.counter("weeksAssessed");
    }

    @Override
    public void processElement(NetworkWeek week, Context ctx, Collector<Alert> out) throws Exception {
        NetworkWeek last = previous.value();
        if (!week.complete) {
            // A rejected week carries no network: compare the next one with the last good week.
            LOG.info("Week {} was rejected upstream; shock rules skip it", week.week);
            return;
        }
        if (last != null && week.week.compareTo(last.week) <= 0) {
            LOG.warn("Week {} arrived after week {}; shock rules skip it", week.week, last.week);
            return;
        }
        Map<String, ChangePointDetector> state = new HashMap<>();
        for (var e : detectors.entries()) {
            state.put(e.getKey(), e.getValue());
        }
        ShockDetector.Assessment assessment = detector.assess(week, last, previousRisk.value(), state);
        for (var e : state.entrySet()) {
            detectors.put(e.getKey(), e.getValue());
        }
        previous.update(week);
        previousRisk.update(assessment.weekRisk());
        String stored = openIncidents.value();
        IncidentState incidentState = stored == null ? new IncidentState() : JSON.readValue(stored, IncidentState.class);
        List<Incident> weekIncidents = tracker.update(week.week, assessment.alerts(), assessment.assets(), incidentState);
        if (incidentState.open.isEmpty()) {
            openIncidents.clear();
        } else {
            openIncidents.update(JSON.writeValueAsString(incidentState));
        }
        if (incidents != null) {
            weekIncidents.forEach(i -> ctx.output(incidents, i));
        }
        weeksAssessed.inc();
        for (Alert alert : assessment.alerts()) {
            alertsEmitted.get(alert.severity).inc();
            out.collect(alert);
        }
        for (ProtocolRisk p : assessment.protocolRisk()) {
            ctx.output(protocolRisk, p);
        }
        ctx.output(weekRisk, assessment.weekRisk());
        LOG.info("Week {} assessed: {} alerts ({} critical), observed DebtRank loss {} %", week.week, assessment.alerts().size(),
                assessment.alerts().stream().filter(a -> Alert.CRITICAL.equals(a.severity)).count(),
                String.format(java.util.Locale.US, "%.2f", 100 * assessment.weekRisk().observedLossShare));
    }
}
