package io.dexposure.tools.cluster;

import java.nio.file.Path;
import java.util.Map;

/**
 * Stands in for a test JVM or {@code cluster start} that is then killed: starts a JobManager-only cluster in the
 * given dir, prints "JOBMANAGER &lt;pid&gt; &lt;rest url&gt;" and waits forever (until SIGKILLed by the test).
 */
public final class ClusterParentMain {
    private ClusterParentMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalFlinkCluster.Settings defaults = LocalFlinkCluster.Settings.defaults();
        LocalFlinkCluster cluster = LocalFlinkCluster.start(Path.of(args[0]), new LocalFlinkCluster.Settings(0, 1,
                defaults.jobManagerMemory(), defaults.taskManagerMemory(), defaults.heartbeatInterval(),
                defaults.heartbeatTimeout(), "", defaults.startTimeout(), Map.of()));
        System.out.println("JOBMANAGER " + cluster.jobManagerPid() + " " + cluster.restUrl());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
