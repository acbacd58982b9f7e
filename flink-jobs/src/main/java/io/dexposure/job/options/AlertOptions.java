package io.dexposure.job.options;

import io.dexposure.analytics.alerts.AlertThresholds;
import picocli.CommandLine.Option;

import java.io.Serializable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The shock rules' thresholds. One option group: a picocli mixin for the commands that
 * need it, and what the operators of this concern receive. The job's own {@code main} reads the same
 * flags without picocli ({@link JobArguments}).
 */
public class AlertOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    @Option(names = "--alert-thresholds", description = "Properties file overriding the shipped alert-thresholds.properties key by key (default: the shipped thresholds; see the README).")
    public String alertThresholdsFile;

    /** The alert thresholds: the shipped ones, overridden by --alert-thresholds; a bad file fails here, at submission. */
    public AlertThresholds alertThresholds() {
        try {
            return alertThresholdsFile == null ? AlertThresholds.defaults() : AlertThresholds.load(Path.of(alertThresholdsFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --alert-thresholds " + alertThresholdsFile, e);
        }
    }
}
