package io.dexposure.analytics.roland;

import java.util.HashMap;
import java.util.Map;

/** {@link RolandMemory} in plain maps: the compare command, the benchmark and tests. */
public final class InMemoryRolandMemory implements RolandMemory {
    private byte[] model;
    private final Map<String, float[]> nodes = new HashMap<>();
    private RolandStep previous;
    private float[] weightHead;

    @Override
    public float[] weightHead() {
        return weightHead;
    }

    @Override
    public void weightHead(float[] coefficients) {
        this.weightHead = coefficients;
    }

    @Override
    public byte[] model() {
        return model;
    }

    @Override
    public void model(byte[] parameters) {
        this.model = parameters;
    }

    @Override
    public float[] nodeState(String id) {
        return nodes.get(id);
    }

    @Override
    public void nodeState(String id, float[] state) {
        nodes.put(id, state);
    }

    @Override
    public RolandStep previousStep() {
        return previous;
    }

    @Override
    public void previousStep(RolandStep step) {
        this.previous = step;
    }

    public int protocolsWithState() {
        return nodes.size();
    }
}
