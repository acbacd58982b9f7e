package io.dexposure.replayer.cli;

import io.dexposure.replayer.monitoring.MetricsEndpoint;
import picocli.CommandLine.Option;

import java.io.IOException;

/** The Prometheus endpoint flags of replay and pull (a picocli mixin); off unless --metrics-port is given. */
public class MetricsOptions {
    @Option(names = "--metrics-port", description = "Serve Prometheus metrics at http://HOST:PORT/metrics while running (default: off).")
    public Integer port;

    @Option(names = "--metrics-host", description = "Address the metrics endpoint listens on; 0.0.0.0 in a container (default: ${DEFAULT-VALUE}).")
    public String host = "127.0.0.1";

    @Option(names = "--metrics-linger-seconds", description = "Keep serving this long after the work is done, so Prometheus scrapes the final values (default: ${DEFAULT-VALUE}).")
    public long lingerSeconds = 0;

    /** The endpoint, or a no-op when no port was given; closing it lingers first. */
    public AutoCloseable start() throws IOException {
        if (port == null) {
            return () -> { };
        }
        MetricsEndpoint endpoint = MetricsEndpoint.start(host, port);
        System.err.println("metrics: http://" + host + ":" + endpoint.port() + "/metrics");
        return () -> {
            if (lingerSeconds > 0) {
                System.err.println("metrics: serving the final values for " + lingerSeconds + " s");
                Thread.sleep(lingerSeconds * 1000);
            }
            endpoint.close();
        };
    }
}
