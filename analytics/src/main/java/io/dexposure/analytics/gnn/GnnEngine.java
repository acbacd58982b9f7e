package io.dexposure.analytics.gnn;

import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine of DJL, loaded once per JVM (never per record): offline (the natives come from
 * the pytorch-native-cpu jar), with a fixed intra-op thread count so that training is deterministic.
 * Flink must load DJL parent-first ({@code classloader.parent-first-patterns.additional: ai.djl}), so a
 * job restart does not load the native library a second time in another classloader.
 */
public final class GnnEngine {
    private static Engine engine;
    private static int threads;
    /**
     * DJL's PyTorch gradient collector is one per process ("A PtGradientCollector is already collecting"): ROLAND's
     * fine-tuning and the anomaly autoencoder run in the same TaskManager on different operator threads, so every
     * collector is taken through {@link #newGradientCollector()}, which waits its turn.
     */
    private static final java.util.concurrent.locks.ReentrantLock GRADIENTS = new java.util.concurrent.locks.ReentrantLock();

    private GnnEngine() {
    }

    /** The engine, with {@code threadCount} intra-op threads (the last caller's count wins). */
    public static synchronized Engine load(int threadCount) {
        if (engine == null) {
            if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
                System.setProperty("ai.djl.offline", "true");
            }
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threadCount));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            engine = Engine.getEngine("PyTorch");
            threads = -1;
        }
        if (threads != threadCount) {
            JniUtils.setNumThreads(threadCount);
            threads = threadCount;
        }
        return engine;
    }

    /** The engine as it is, loaded with one intra-op thread if nobody loaded it yet: for callers that must not change the count. */
    public static synchronized Engine current() {
        return engine != null ? engine : load(1);
    }

    /**
     * A gradient collector that holds the process-wide turn until it is closed (see {@link #GRADIENTS}); keep the
     * block short: forward, loss, backward.
     */
    public static GradientCollector newGradientCollector(Engine on) {
        GRADIENTS.lock();
        try {
            GradientCollector collector = on.newGradientCollector();
            return new GradientCollector() {
                private boolean closed;

                @Override
                public void backward(ai.djl.ndarray.NDArray target) {
                    collector.backward(target);
                }

                @Override
                public void zeroGradients() {
                    collector.zeroGradients();
                }

                @Override
                public void close() {
                    if (!closed) {
                        closed = true;
                        try {
                            collector.close();
                        } finally {
                            GRADIENTS.unlock();
                        }
                    }
                }
            };
        } catch (RuntimeException e) {
            GRADIENTS.unlock();
            throw e;
        }
    }
}
