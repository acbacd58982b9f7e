package io.dexposure.tools.cli;

import io.dexposure.analytics.alerts.Alert;
import io.dexposure.tools.results.AlertConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code alerts}: a small consumer of the alerts topic, the way a service would use it: follow,
 * filter by severity, deduplicate by id, print one line per alert.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Follow the alerts topic: filter by severity, print each alert once (deduplicated by its id).")
public class AlertsCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers = "127.0.0.1:9092";

    @Option(names = "--topic", description = "Alerts topic (default: ${DEFAULT-VALUE}).")
    String topic = io.dexposure.job.streams.ResultStreams.ALERTS.defaultTopic();

    @Option(names = "--severity", description = "Lowest severity shown: info, warning or critical (default: ${DEFAULT-VALUE}).")
    String severity = Alert.WARNING;

    @Option(names = "--group-id", description = "Consumer group; offsets are committed so a restart carries on (default: none, read from the beginning every time).")
    String groupId;

    @Option(names = "--idle-exit-seconds", description = "Stop after this long without new records; 0 = follow forever (default: ${DEFAULT-VALUE}).")
    long idleExitSeconds = 0;

    @Option(names = "--json", description = "Print each alert as its JSON record instead of a line of text (default: ${DEFAULT-VALUE}).")
    boolean json;

    @Override
    public Integer call() {
        AlertConsumer.rank(severity); // a bad --severity fails before connecting
        PrintStream out = System.out;
        boolean colour = System.console() != null;
        long idleSince = System.nanoTime();
        try (AlertConsumer consumer = new AlertConsumer(bootstrapServers, topic, groupId, severity)) {
            while (idleExitSeconds == 0 || System.nanoTime() - idleSince < Duration.ofSeconds(idleExitSeconds).toNanos()) {
                var alerts = consumer.poll(Duration.ofMillis(500));
                if (!alerts.isEmpty()) {
                    idleSince = System.nanoTime();
                }
                for (Alert a : alerts) {
                    out.println(json ? new String(io.dexposure.job.sinks.JsonKafkaSink.toJson(a), java.nio.charset.StandardCharsets.UTF_8)
                            : line(a, colour));
                }
                out.flush();
            }
        }
        return 0;
    }

    static String line(Alert a, boolean colour) {
        String severity = a.severity.toUpperCase(Locale.ROOT);
        if (colour) {
            String code = Alert.CRITICAL.equals(a.severity) ? "\u001b[1;31m" : Alert.WARNING.equals(a.severity) ? "\u001b[33m" : "\u001b[36m";
            severity = code + severity + "\u001b[0m";
        }
        return String.format(Locale.US, "%s  %-8s  %-22s  %s", a.week, severity, a.rule, a.message);
    }
}
