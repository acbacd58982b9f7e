package io.dexposure.localkafka;

import java.nio.file.Path;

/**
 * Stands in for a test JVM or demo that starts a broker and is then killed: starts a broker in the given dir,
 * prints "BROKER &lt;pid&gt; &lt;bootstrap&gt;" and waits forever (until SIGKILLed by the test).
 */
public final class BrokerParentMain {
    private BrokerParentMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalKafkaBroker broker = LocalKafkaBroker.start(Path.of(args[0]));
        System.out.println("BROKER " + broker.pid() + " " + broker.bootstrapServers());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
