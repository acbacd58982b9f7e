package io.dexposure.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Entry point of the child JVM that {@link LocalKafkaBroker} starts: runs {@code kafka.Kafka} on the given
 * server.properties and stops it when the parent goes away.
 *
 * <p>The parent holds the write end of this process's stdin and never writes to it. When the parent closes
 * it, or dies in any way (including SIGKILL, where no shutdown hook runs), the pipe reaches EOF and the
 * watchdog stops this JVM, so no broker outlives the test run or demo that started it.
 *
 * <p>Kafka is called by reflection: this module must not import broker classes (they are 'provided', only on
 * the child's classpath).
 */
public final class BrokerMain {
    /** After EOF on stdin: time for Kafka's own shutdown hook (a clean shutdown takes 1-2 s) before halting. */
    static final long GRACE_MILLIS = 5_000;

    private BrokerMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length != 1) {
            System.err.println("usage: BrokerMain <server.properties>");
            System.exit(2);
        }
        stopWhenParentGoes();
        Method kafkaMain = Class.forName("kafka.Kafka").getMethod("main", String[].class);
        try {
            kafkaMain.invoke(null, (Object) new String[] {args[0]});
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void stopWhenParentGoes() {
        Thread watchdog = new Thread(() -> {
            drain(System.in);
            System.err.println("[BrokerMain] stdin closed: parent closed it or is gone; stopping the broker");
            Thread halter = new Thread(() -> {
                try {
                    Thread.sleep(GRACE_MILLIS);
                } catch (InterruptedException ignored) {
                    // halting anyway
                }
                System.err.println("[BrokerMain] clean shutdown took longer than " + GRACE_MILLIS + " ms; halting");
                Runtime.getRuntime().halt(1);
            }, "broker-halter");
            halter.setDaemon(true);
            halter.start();
            // Runs Kafka's shutdown hook (clean shutdown); the halter covers a hook that hangs.
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
                // the parent never writes; anything read is ignored
            }
        } catch (IOException ignored) {
            // same as EOF
        }
    }
}
