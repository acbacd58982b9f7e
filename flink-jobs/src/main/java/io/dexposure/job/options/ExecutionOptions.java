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

    @Option(names = "--restart-strategy", description = "exponential-delay: pauses of --restart-delay-ms doubling up to --restart-max-delay-ms, the budget renewed after --restart-reset-ms without a failure, so the defaults ride out an outage of a minute or more (a broker or database restart) at any point of a long run; fixed-delay: --restart-attempts pauses of --restart-delay-ms for the job's whole life; none (default: ${DEFAULT-VALUE}).")
    public String restartStrategy = "exponential-delay";

    @Option(names = "--restart-attempts", description = "Restarts before the job fails for good (exponential-delay: in a row, without --restart-reset-ms of failure-free running between them; fixed-delay: in all); 0 = fail at once (default: ${DEFAULT-VALUE}).")
    public int restartAttempts = 10;

    @Option(names = "--restart-delay-ms", description = "Pause before a restart: the first one (exponential-delay) or every one (fixed-delay) (default: ${DEFAULT-VALUE}).")
    public long restartDelayMs = 1_000;

    @Option(names = "--restart-max-delay-ms", description = "Longest pause before a restart (exponential-delay) (default: ${DEFAULT-VALUE}).")
    public long restartMaxDelayMs = 10_000;

    @Option(names = "--restart-reset-ms", description = "Running this long without a failure resets the pause and the attempts (exponential-delay) (default: ${DEFAULT-VALUE}).")
    public long restartResetMs = 60_000;

    @Option(names = "--prometheus-port", description = "Serve Flink's metrics to Prometheus on this port or port range (e.g. 9249 or 9250-9260) when the job runs embedded; empty = off. A Flink cluster uses its own metrics.reporter.prom.* configuration (default: off).")
    public String prometheusPort = "";
}
