package io.dexposure.analytics.roland;

import io.dexposure.analytics.gnn.GnnEngine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Layer tests share one PyTorch engine (loaded once per JVM, one thread) and a manager closed after the class. */
public abstract class PyTorchLayerTest {
    protected static Engine engine;
    protected static NDManager manager;

    @BeforeAll
    static void load() {
        engine = GnnEngine.load(1);
        manager = engine.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }
}
