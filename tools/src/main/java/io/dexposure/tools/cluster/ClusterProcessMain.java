package io.dexposure.tools.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child JVM of {@link LocalFlinkCluster} (JobManager, TaskManager): runs the Flink main
 * class named by the first argument with the remaining arguments, and stops when the parent goes away.
 *
 * <p>The same lifeline as the Kafka child broker ({@code io.dexposure.localkafka.BrokerMain}): the parent holds
 * this process's stdin open and never writes to it; when the parent closes it or dies in any way, SIGKILL
 * included, the pipe reaches EOF and this JVM exits (Flink's shutdown hooks run; a halter covers a hook that
 * hangs). No JobManager or TaskManager outlives the test run or {@code bin/dexposure cluster start}.
 *
 * <p>JDK classes only: the launcher copies this class file alone next to the Flink lib/ jars, so that the
 * cluster's classpath holds no job class (the job comes in its jar, as on a real cluster).
 */
public final class ClusterProcessMain {
    /** After EOF on stdin: time for Flink's shutdown hooks before halting. */
    static final long GRACE_MILLIS = 10_000;

    private ClusterProcessMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            System.err.println("usage: ClusterProcessMain <flink main class> [args...]");
            System.exit(2);
        }
        stopWhenParentGoes();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void stopWhenParentGoes() {
        Thread watchdog = new Thread(() -> {
            drain(System.in);
            System.err.println("[ClusterProcessMain] stdin closed: parent closed it or is gone; stopping");
            Thread halter = new Thread(() -> {
                try {
                    Thread.sleep(GRACE_MILLIS);
                } catch (InterruptedException ignored) {
                    // halting anyway
                }
                System.err.println("[ClusterProcessMain] shutdown took longer than " + GRACE_MILLIS + " ms; halting");
                Runtime.getRuntime().halt(1);
            }, "cluster-process-halter");
            halter.setDaemon(true);
            halter.start();
            System.exit(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Reads until EOF; a read error counts as EOF (the pipe is gone). */
    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // the parent never writes
            }
        } catch (IOException ignored) {
            // same as EOF
        }
    }
}
