package io.dexposure.job;

import io.dexposure.job.options.AlertOptions;
import io.dexposure.job.options.AnalysisOptions;
import io.dexposure.job.options.ExecutionOptions;
import io.dexposure.job.options.KafkaOptions;
import io.dexposure.job.options.MarketAnalysesOptions;
import io.dexposure.job.options.RolandOptions;
import io.dexposure.job.options.StoreOptions;
import picocli.CommandLine.Mixin;

import java.io.Serializable;

/**
 * Every knob of the monitor job, in one group per concern (package {@code options}). Commands that run
 * the whole job mix in this; the others mix in only the groups they use, and each operator receives only
 * its group. Tests set the fields directly. Flag reference: docs/cli.md (generated from these classes).
 */
public class JobOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    @Mixin public KafkaOptions kafka = new KafkaOptions();
    @Mixin public ExecutionOptions execution = new ExecutionOptions();
    @Mixin public AnalysisOptions analysis = new AnalysisOptions();
    @Mixin public AlertOptions alerts = new AlertOptions();
    @Mixin public MarketAnalysesOptions market = new MarketAnalysesOptions();
    @Mixin public RolandOptions roland = new RolandOptions();
    @Mixin public StoreOptions store = new StoreOptions();
}
