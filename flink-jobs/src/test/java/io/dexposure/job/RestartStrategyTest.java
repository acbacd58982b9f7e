package io.dexposure.job;

import io.dexposure.job.options.ExecutionOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The job's restart strategy (--restart-*): the default rides out an outage of a minute, which the fixed 3 x 5 s it
 * replaced did not (LocalFlinkClusterIT's 30 s broker outage ended that job FAILED); the strategy reaches the job's
 * configuration as Flink 1.20 reads it.
 */
class RestartStrategyTest {

    @Test
    void theDefaultIsExponentialDelayAndItsBudgetOutlastsAMinuteOfOutage() {
        ExecutionOptions defaults = new ExecutionOptions();
        Configuration conf = ExposureMonitorJob.restartStrategy(defaults);
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
        Duration initial = conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF);
        Duration max = conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF);
        double multiplier = conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER);
        double jitter = conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR);
        int attempts = conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS);

        // The pauses alone, each shortened by the largest jitter: a lower bound on the outage survived (every
        // attempt while the outage lasts also takes its own second or two to fail, which only adds to it).
        double survivedMs = 0;
        double pause = initial.toMillis();
        for (int i = 0; i < attempts; i++) {
            survivedMs += Math.min(pause, max.toMillis()) * (1 - jitter);
            pause *= multiplier;
        }
        assertThat(survivedMs).as("ms of outage the default restart budget rides out at least").isGreaterThan(60_000);
        // 1 + 2 + 4 + 8 + 6 x 10 s = 75 s, less 10 % jitter: 67.5 s.
        assertThat(survivedMs).isCloseTo(67_500.0, within(1.0));
        // ... and it is renewed: a minute without a failure resets the pauses and the attempts.
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD))
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void fixedDelayAndNoneAsTheFlagsSay() {
        ExecutionOptions fixed = new ExecutionOptions();
        fixed.restartStrategy = "fixed-delay";
        fixed.restartAttempts = 7;
        fixed.restartDelayMs = 3_000;
        Configuration conf = ExposureMonitorJob.restartStrategy(fixed);
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS)).isEqualTo(7);
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY)).isEqualTo(Duration.ofSeconds(3));

        ExecutionOptions noAttempts = new ExecutionOptions();
        noAttempts.restartAttempts = 0; // what the demo and the fail-fast tests set: no restart whatever the strategy
        assertThat(ExposureMonitorJob.restartStrategy(noAttempts).get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("none");
    }

    @Test
    void aMisspelledStrategyIsOneClearLine() {
        ExecutionOptions bad = new ExecutionOptions();
        bad.restartStrategy = "exponential";
        assertThatThrownBy(() -> ExposureMonitorJob.restartStrategy(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--restart-strategy exponential: expected exponential-delay, fixed-delay or none");
    }

    /** What the job sets on its environment is what the JobGraph carries to the JobManager. */
    @Test
    void theStrategyReachesTheJobsConfiguration() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        env.configure(ExposureMonitorJob.restartStrategy(new ExecutionOptions()));
        Configuration job = env.getConfig().toConfiguration();
        assertThat(job.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
        assertThat(job.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS)).isEqualTo(10);
        assertThat(job.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isEqualTo(Duration.ofSeconds(10));
    }
}
