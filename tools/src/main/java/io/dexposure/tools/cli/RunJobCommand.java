package io.dexposure.tools.cli;

import io.dexposure.job.ExposureMonitorJob;
import io.dexposure.job.JobOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code job}: runs the monitor job against a Kafka cluster. Started from the command line it runs on
 * an embedded MiniCluster; submitted with {@code flink run} it runs on that Flink cluster.
 */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Run the exposure-monitor job: snapshot events in, weekly network metrics out (exactly-once).")
public class RunJobCommand implements Callable<Integer> {
    @Mixin
    JobOptions options = new JobOptions();

    @Override
    public Integer call() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                ExposureMonitorJob.clusterConfiguration(options));
        ExposureMonitorJob.forKafka(options).build(env);
        env.execute(ExposureMonitorJob.JOB_NAME);
        return 0;
    }
}
