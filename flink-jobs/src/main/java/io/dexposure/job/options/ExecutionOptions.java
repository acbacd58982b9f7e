package io.dexposure.job.options;

import picocli.CommandLine.Option;

import java.io.Serializable;

/**
 * How the job runs: parallelism, checkpoints, restarts, watermarks and the embedded Prometheus reporter. One option group: a picocli mixin for the commands that
 * need it, and what the operators of this concern receive. The job's own {@code main} reads the same
 * flags without picocli ({@link JobArguments}).
 */
public class ExecutionOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    @Option(names = "--checkpoint-interval-ms", description = "Checkpoint interval; results become visible to read_committed consumers at each checkpoint (default: ${DEFAULT-VALUE}).")
    public long checkpointIntervalMs = 2_000;

    @Option(names = "--checkpoint-dir", description = "Checkpoint storage URI; checkpoints are kept on cancel so a restart can resume (default: ${DEFAULT-VALUE}).")
    public String checkpointDir = "file:///tmp/dexposure/checkpoints";

    @Option(names = "--parallelism", description = "Job parallelism: different weeks are analysed on different subtasks (default: ${DEFAULT-VALUE}).")
    public int parallelism = 2;

    @Option(names = "--max-parallelism", description = "Key groups of every keyed operator: the highest parallelism a savepoint of this job can be restored at; never change it on a running deployment (default: ${DEFAULT-VALUE}).")
    public int maxParallelism = 128;

    @Option(names = "--out-of-orderness-ms", description = "Watermark lag behind the newest week seen; 0 suits a replay, where weeks arrive in order (default: ${DEFAULT-VALUE}).")
    public long outOfOrdernessMs = 0;

    @Option(names = "--idleness-ms", description = "A source partition with no records for this long stops holding back the watermark (default: ${DEFAULT-VALUE}).")
    public long idlenessMs = 30_000;

    @Option(names = "--restart-attempts", description = "Restarts from the last checkpoint before the job fails for good; 0 = fail at once (default: ${DEFAULT-VALUE}).")
    public int restartAttempts = 3;

    @Option(names = "--restart-delay-ms", description = "Pause before each restart (default: ${DEFAULT-VALUE}).")
    public long restartDelayMs = 5_000;

    @Option(names = "--prometheus-port", description = "Serve Flink's metrics to Prometheus on this port or port range (e.g. 9249 or 9250-9260) when the job runs embedded; empty = off. A Flink cluster uses its own metrics.reporter.prom.* configuration (default: off).")
    public String prometheusPort = "";
}
