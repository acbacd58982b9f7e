package io.dexposure.analytics.roland;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.Arrays;
import java.util.List;

/**
 * ROLAND's node embeddings week by week, for the embedding map's second input: the live update
 * ({@link RolandLiveUpdate}) run over the weeks in order, in its own {@link InMemoryRolandMemory}, and after
 * each week the last GNN layer's state of each of the week's nodes (the {@code h2} part of its node state,
 * what the link decoder reads). The job keeps these states in Flink state and writes none of them out, so a
 * report that wants them replays ROLAND over the snapshot here. The live update's reference scoring
 * (neighbourhood heuristics) is turned off: only the states are wanted.
 */
public final class RolandEmbeddings implements AutoCloseable {
    /** One week's embeddings: ids[i]'s row is rows[i] (H2 values). */
    public record Week(String week, List<String> ids, double[][] rows) {
    }

    private final RolandLiveUpdate live;
    private final InMemoryRolandMemory memory = new InMemoryRolandMemory();
    private final int h1;
    private final int h2;

    /** @param settings ROLAND's settings (copied; the live baselines are turned off) */
    public RolandEmbeddings(RolandSettings settings) {
        RolandSettings s = copy(settings);
        s.liveBaselines = false;
        this.live = new RolandLiveUpdate(s);
        this.h1 = s.hidden1();
        this.h2 = s.hidden2();
    }

    /**
     * Runs the live update on the week (it must come after the last one) and returns its nodes' embeddings; null
     * when the update skipped the week (incomplete, or not after the last one), which leaves the states as they were.
     */
    public Week advance(NetworkWeek week) throws Exception {
        if (live.process(week, memory).skipped()) {
            return null;
        }
        double[][] rows = new double[week.ids.length][h2];
        for (int i = 0; i < rows.length; i++) {
            float[] state = memory.nodeState(week.ids[i]);
            for (int d = 0; d < h2; d++) {
                rows[i][d] = state[h1 + d];
            }
        }
        return new Week(week.week, Arrays.asList(week.ids.clone()), rows);
    }

    /** The embeddings after the given week, ROLAND run over the weeks up to it; null if no complete week has that date. */
    public static Week through(List<NetworkWeek> weeks, String week, RolandSettings settings) throws Exception {
        try (RolandEmbeddings embeddings = new RolandEmbeddings(settings)) {
            for (NetworkWeek w : weeks) {
                if (w.week.compareTo(week) > 0) {
                    break;
                }
                Week out = embeddings.advance(w);
                if (w.week.equals(week)) {
                    return out;
                }
            }
        }
        return null;
    }

    /** A deep copy by serialisation, so that no setting added later is forgotten. */
    private static RolandSettings copy(RolandSettings s) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(s);
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                return (RolandSettings) in.readObject();
            }
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new IllegalStateException("copying ROLAND settings", e);
        }
    }

    @Override
    public void close() {
        live.close();
    }
}
