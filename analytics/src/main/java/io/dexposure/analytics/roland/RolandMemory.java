package io.dexposure.analytics.roland;


import io.dexposure.analytics.week.NetworkWeek;

/**
 * Everything ROLAND carries from week to week, as plain data: the parameters with their Adam moments
 * ({@link RolandParameters#toBytes}), one node state per protocol id, and the previous step's input
 * (kept to fine-tune on once the next week's links are known). {@code RolandUpdateFunction} (job module) keeps it in
 * Flink managed state; {@link InMemoryRolandMemory} in maps (tools, tests).
 *
 * <p>A node state is {@code h1 (H1 floats) ++ h2 (H2 floats) ++ [log1p(TVL) when last seen]}. A protocol
 * never seen has none (its states start at zero); a protocol absent from a week keeps its state
 * unchanged; nothing is reset when the node count changes.
 */
public interface RolandMemory {
    /** Parameter bytes, or null before the first week. */
    byte[] model() throws Exception;

    void model(byte[] parameters) throws Exception;

    /** The protocol's state, or null when it was never seen. The caller must not modify it. */
    float[] nodeState(String id) throws Exception;

    void nodeState(String id, float[] state) throws Exception;

    /** The last complete week the model advanced on, with its features and input states; null before. */
    RolandStep previousStep() throws Exception;

    void previousStep(RolandStep step) throws Exception;

    /** The edge-weight head's coefficients ({@link EdgeWeightHead}), or null before its first fit. */
    default float[] weightHead() throws Exception {
        return null;
    }

    default void weightHead(float[] coefficients) throws Exception {
    }
}
