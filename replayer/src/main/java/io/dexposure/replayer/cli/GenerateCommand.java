package io.dexposure.replayer.cli;

import io.dexposure.replayer.generate.CalibratedDatasetWriter;
import io.dexposure.replayer.generate.CrisisKind;
import io.dexposure.replayer.generate.CrisisScenario;
import io.dexposure.replayer.generate.GeneratorSettings;
import io.dexposure.replayer.generate.ScenarioGroundTruth;
import io.dexposure.replayer.generate.SnapshotDatasetWriter;
import io.dexposure.replayer.generate.WeeklySizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code generate}: writes a synthetic snapshot file in the DeXposure format, its id_to_info.json and
 * a scenario manifest, deterministically from a seed.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generates weekly DeFi credit-exposure snapshots in the DeXposure format (same seed and "
                + "flags, same bytes): a persistent protocol universe, heavy-tailed TVL, preferential attachment to "
                + "widely held issuers, and scripted Terra-like and FTX-like collapses. Writes the snapshot file, an "
                + "id_to_info.json mapping and a scenarios.json ground-truth manifest. Progress goes to stderr.",
        footer = {"",
                "Example (the shipped sample, see data/README.md):",
                "  generate --sizes weekly_node_link_counts.csv --scale 0.05 \\",
                "      --from 2022-04-18 --to 2022-11-28 --seed 42 \\",
                "      --out data/sample/dexposure-sample.json"})
public final class GenerateCommand implements Callable<Integer> {
    /** The real dataset's first and last weeks: the default span without --sizes. */
    static final LocalDate DATASET_FIRST_WEEK = LocalDate.of(2020, 3, 23);
    static final LocalDate DATASET_LAST_WEEK = LocalDate.of(2025, 8, 18);
    private static final int PROGRESS_EVERY_WEEKS = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Snapshot file to write: {\"data\": {\"YYYY-MM-DD\": {\"nodes\": [...], \"links\": [...]}}}.")
    Path out;

    @Option(names = "--mapping-out", paramLabel = "FILE",
            description = "Protocol mapping to write (dataset format {\"<id>\": {\"name\", \"category\"}}). "
                    + "Default: id_to_info.json beside --out.")
    Path mappingOut;

    @Option(names = "--scenarios-out", paramLabel = "FILE",
            description = "Scenario manifest to write (crisis weeks, issuer, cluster, largest creditors). "
                    + "Default: scenarios.json beside --out.")
    Path scenariosOut;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Random seed; the same seed and flags give byte-identical files. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--sizes", paramLabel = "CSV",
            description = "Weekly node and link counts, CSV with the columns date,num_nodes,num_links[,density] "
                    + "(the dataset's weekly_node_link_counts.csv). Without it: --nodes/--links every week.")
    Path sizesCsv;

    @Option(names = "--scale", paramLabel = "FACTOR",
            description = "Multiplies the --sizes counts (rounded; at least " + WeeklySizes.MIN_NODES + " nodes and "
                    + WeeklySizes.MIN_LINKS + " links, one link per protocol). Only with --sizes. Default: 1.0.")
    Double scale;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
            description = "First week. Default: the CSV's first row, or " + "2020-03-23 (the dataset's first week) "
                    + "without --sizes. Without --sizes it must be a Monday.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
            description = "Last week (inclusive). Default: the CSV's last row, or 2025-08-18 (the dataset's last "
                    + "week) without --sizes.")
    LocalDate to;

    @Option(names = "--weeks", paramLabel = "N",
            description = "Generate at most N weeks from --from. Default: all up to --to.")
    Integer weeks;

    @Option(names = "--nodes", paramLabel = "N",
            description = "Nodes per week without --sizes (protocols + 7 token buckets). Default: 1000.")
    Integer nodes;

    @Option(names = "--links", paramLabel = "N", description = "Links per week without --sizes. Default: 5000.")
    Integer links;

    @Option(names = "--no-scenarios",
            description = "Do not script the crises (same universe, no collapse).")
    boolean noScenarios;

    @Option(names = "--terra-week", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
            description = "First of the two Terra-like collapse weeks. Default: 2022-05-09 (scripted when it and "
                    + "the week before are generated).")
    LocalDate terraWeek;

    @Option(names = "--ftx-week", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
            description = "First of the two FTX-like collapse weeks. Default: 2022-11-07 (scripted when it and the "
                    + "week before are generated).")
    LocalDate ftxWeek;

    /** Which generator: v2 is calibrated to the real data (real-data.md), v1 is the earlier protocol-only model. */
    public enum Model { V2, V1 }

    @Option(names = "--model", paramLabel = "V2|V1", defaultValue = "V2", converter = ModelConverter.class,
            description = "v2 (default): calibrated to the real files (token nodes, the null-id node, raw "
                    + "non-positive links, link churn ~0.53 persistence, Terra/FTX as token nodes, decoys). "
                    + "v1: the earlier protocol-issuer model, for comparison with results measured on it.")
    Model model;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        GeneratorSettings settings = settings();
        Path mapping = mappingOut != null ? mappingOut : beside(out, "id_to_info.json");
        Path manifest = scenariosOut != null ? scenariosOut : beside(out, "scenarios.json");
        for (CrisisScenario scenario : settings.scenarios()) {
            if (!settings.scriptedScenarios().contains(scenario)) {
                err.printf(Locale.ROOT, "generate: %s not scripted: %s or the week before it is not generated%n",
                        scenario.kind().scenarioName(), scenario.firstWeek());
            }
        }
        try {
            SnapshotDatasetWriter.Progress progress =
                    (week, written, total, bytes) -> {
                        if (written % PROGRESS_EVERY_WEEKS == 0 || written == total) {
                            err.printf(Locale.ROOT, "generate: %d/%d weeks written (%s, %d nodes, %d links), %.1f MB%n",
                                    written, total, week.week(), week.nodeCount(), week.linkCount(), bytes / 1e6);
                            err.flush();
                        }
                    };
            SnapshotDatasetWriter.Summary summary = model == Model.V1
                    ? SnapshotDatasetWriter.write(settings, out, mapping, manifest, progress)
                    : CalibratedDatasetWriter.write(settings, out, mapping, manifest, progress);
            err.printf(Locale.ROOT, "generate: wrote %s (%d weeks, %d nodes and %d links in total, %.1f MB), %s, %s%n",
                    out, summary.weeks(), summary.nodes(), summary.links(), summary.bytes() / 1e6, mapping, manifest);
            for (ScenarioGroundTruth s : summary.scenarios()) {
                err.printf(Locale.ROOT, "generate: %s weeks %s, issuer %s (%s), %s %s, largest creditors %s%n",
                        s.name(), s.weeks(), s.issuerId(), s.issuerName(), s.clusterRole(), s.clusterIds(),
                        s.largestCreditorIds());
            }
            err.flush();
            return 0;
        } catch (IOException e) {
            err.println("generate: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private GeneratorSettings settings() {
        try {
            WeeklySizes sizes;
            if (sizesCsv != null) {
                if (nodes != null || links != null) {
                    throw usage("--nodes/--links and --sizes exclude each other");
                }
                sizes = WeeklySizes.fromCsv(sizesCsv, scale == null ? 1.0 : scale);
                if (from != null || to != null) {
                    sizes = sizes.between(from, to);
                }
            } else {
                if (scale != null) {
                    throw usage("--scale applies to --sizes counts; without --sizes give --nodes and --links");
                }
                LocalDate first = from != null ? from : DATASET_FIRST_WEEK;
                LocalDate last = to != null ? to : DATASET_LAST_WEEK;
                if (last.isBefore(first)) {
                    throw usage("--to " + last + " is before --from " + first);
                }
                // --weeks alone counts from --from; with --to it only caps the span.
                int count = to == null && weeks != null ? weeks : (int) (ChronoUnit.DAYS.between(first, last) / 7) + 1;
                sizes = WeeklySizes.fixed(first, count, nodes != null ? nodes : 1000, links != null ? links : 5000);
            }
            if (weeks != null) {
                sizes = sizes.firstWeeks(weeks);
            }
            if (noScenarios) {
                if (terraWeek != null || ftxWeek != null) {
                    throw usage("--no-scenarios excludes --terra-week and --ftx-week");
                }
                return GeneratorSettings.withoutScenarios(seed, sizes);
            }
            List<CrisisScenario> scenarios = new ArrayList<>();
            scenarios.add(CrisisScenario.terraLike(explicitWeek(sizes, terraWeek, "--terra-week",
                    CrisisKind.TERRA_LIKE)));
            scenarios.add(CrisisScenario.ftxLike(explicitWeek(sizes, ftxWeek, "--ftx-week", CrisisKind.FTX_LIKE)));
            return new GeneratorSettings(seed, sizes, scenarios);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        } catch (IOException e) {
            throw usage("--sizes " + sizesCsv + ": " + e.getMessage());
        }
    }

    /** An explicitly given collapse week must be a generated week with a generated week before it. */
    private LocalDate explicitWeek(WeeklySizes sizes, LocalDate week, String flag, CrisisKind kind) {
        if (week == null) {
            return kind.defaultFirstWeek();
        }
        int index = sizes.indexOf(week);
        if (index < 1 || !sizes.weeks().get(index - 1).week().equals(week.minusDays(7))) {
            throw usage(flag + " " + week + " must be a generated week (" + sizes.weeks().get(0).week() + " .. "
                    + sizes.weeks().get(sizes.size() - 1).week() + ") and the week 7 days before it must be generated too");
        }
        return week;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static Path beside(Path file, String name) {
        Path parent = file.getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }

    /** "v2"/"v1" in either case. */
    static final class ModelConverter implements ITypeConverter<Model> {
        @Override
        public Model convert(String value) {
            try {
                return Model.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a model (v2 or v1)");
            }
        }
    }

    /** ISO dates (YYYY-MM-DD) with a message that names the expected form. */
    static final class DateConverter implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a date YYYY-MM-DD");
            }
        }
    }
}
