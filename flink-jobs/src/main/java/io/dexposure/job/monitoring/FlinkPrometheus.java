package io.dexposure.job.monitoring;

import org.apache.flink.configuration.Configuration;

/**
 * Flink's PrometheusReporter for an embedded run (demo, {@code job} from the command line, tests): every
 * JobManager/TaskManager metric and the operators' own ({@code flink_taskmanager_job_task_operator_*})
 * on {@code http://host:PORT/metrics}. A Flink cluster configures the same reporter in its config file
 * (docker/flink/config.yaml).
 */
public final class FlinkPrometheus {
    public static final String REPORTER_FACTORY = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    private FlinkPrometheus() {
    }

    /** @param port a port or a range ("9250-9260"); null or empty leaves the reporter off */
    public static void configureReporter(Configuration conf, String port) {
        if (port == null || port.isBlank()) {
            return;
        }
        conf.setString("metrics.reporters", "prom");
        conf.setString("metrics.reporter.prom.factory.class", REPORTER_FACTORY);
        conf.setString("metrics.reporter.prom.port", port.trim());
    }
}
