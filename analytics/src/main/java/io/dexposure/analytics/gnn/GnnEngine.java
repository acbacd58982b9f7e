package io.dexposure.analytics.gnn;

import ai.djl.engine.Engine;
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
}
