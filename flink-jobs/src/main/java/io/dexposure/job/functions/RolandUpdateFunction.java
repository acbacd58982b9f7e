package io.dexposure.job.functions;

import io.dexposure.analytics.linkpred.ModelQuality;
import io.dexposure.analytics.roland.LinkPrediction;
import io.dexposure.analytics.roland.RolandLiveUpdate;
import io.dexposure.analytics.roland.RolandMemory;
import io.dexposure.analytics.roland.RolandSettings;
import io.dexposure.analytics.roland.RolandStep;
import io.dexposure.analytics.roland.WeekUpdate;

import io.dexposure.analytics.week.NetworkWeek;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ROLAND inside the job, right after the {@link WeekSequencer} (one key, parallelism 1, weeks in week
 * order): a thin wrapper of {@link RolandLiveUpdate} whose {@link RolandMemory} is Flink managed state
 * (parameter bytes, one float[] per protocol, the previous step as arrays), so a restart from a
 * checkpoint continues exactly where the uninterrupted run would have been. The engine is loaded once
 * per task in {@link #open}; per-week NDArrays live in managers closed within the week.
 * Predictions go to the main output, model quality to {@link #QUALITY}.
 */
public class RolandUpdateFunction extends KeyedProcessFunction<Integer, NetworkWeek, LinkPrediction> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RolandUpdateFunction.class);
    public static final TypeInformation<LinkPrediction> PREDICTION = TypeInformation.of(LinkPrediction.class);
    public static final TypeInformation<ModelQuality> QUALITY_TYPE = TypeInformation.of(ModelQuality.class);
    public static final OutputTag<ModelQuality> QUALITY = io.dexposure.job.streams.ResultStreams.MODEL_QUALITY.tag();

    private final RolandSettings settings;
    private transient RolandLiveUpdate live;
    private transient ValueState<byte[]> model;
    private transient MapState<String, float[]> nodeStates;
    private transient ValueState<NetworkWeek> previousWeek;
    private transient ValueState<float[]> previousFeatures;
    private transient ValueState<float[]> previousInputStates;
    private transient ValueState<float[]> weightHead;
    private transient Counter weeks;
    private transient volatile long lastStepMillis;

    public RolandUpdateFunction(RolandSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        live = new RolandLiveUpdate(settings);
        model = getRuntimeContext().getState(new ValueStateDescriptor<>("roland-parameters", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        nodeStates = getRuntimeContext().getMapState(new MapStateDescriptor<>("roland-node-states", Types.STRING,
                PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO));
        previousWeek = getRuntimeContext().getState(new ValueStateDescriptor<>("roland-previous-week", WeekSequencer.TYPE));
        previousFeatures = getRuntimeContext().getState(new ValueStateDescriptor<>("roland-previous-features",
                PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO));
        previousInputStates = getRuntimeContext().getState(new ValueStateDescriptor<>("roland-previous-input-states",
                PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO));
        weightHead = getRuntimeContext().getState(new ValueStateDescriptor<>("roland-weight-head",
                PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO));
        weeks = getRuntimeContext().getMetricGroup().counter("rolandWeeksUpdated");
        getRuntimeContext().getMetricGroup().gauge("lastRolandStepMillis", () -> lastStepMillis);
    }

    @Override
    public void processElement(NetworkWeek week, Context ctx, Collector<LinkPrediction> out) throws Exception {
        WeekUpdate update = live.process(week, new StateMemory());
        if (update.skipped()) {
            LOG.info("ROLAND skipped week {}: {}", week.week, update.skipReason());
            return;
        }
        for (ModelQuality q : update.quality()) {
            ctx.output(QUALITY, q);
        }
        for (LinkPrediction p : update.predictions()) {
            out.collect(p);
        }
        weeks.inc();
        lastStepMillis = Math.round(update.stepMillis());
        LOG.info("ROLAND week {}: {} epochs, step {} ms, {} predictions", week.week, update.training().epochs(),
                lastStepMillis, update.predictions().size());
    }

    @Override
    public void close() throws Exception {
        if (live != null) {
            live.close();
        }
        super.close();
    }

    /** The memory of the loop in this operator's keyed state. */
    private final class StateMemory implements RolandMemory {
        @Override
        public byte[] model() throws Exception {
            return model.value();
        }

        @Override
        public void model(byte[] parameters) throws Exception {
            model.update(parameters);
        }

        @Override
        public float[] nodeState(String id) throws Exception {
            return nodeStates.get(id);
        }

        @Override
        public void nodeState(String id, float[] state) throws Exception {
            nodeStates.put(id, state);
        }

        @Override
        public RolandStep previousStep() throws Exception {
            NetworkWeek week = previousWeek.value();
            return week == null ? null : new RolandStep(week, previousFeatures.value(), previousInputStates.value());
        }

        @Override
        public void previousStep(RolandStep step) throws Exception {
            previousWeek.update(step.week());
            previousFeatures.update(step.features());
            previousInputStates.update(step.inputStates());
        }

        @Override
        public float[] weightHead() throws Exception {
            return weightHead.value();
        }

        @Override
        public void weightHead(float[] coefficients) throws Exception {
            weightHead.update(coefficients);
        }
    }
}
