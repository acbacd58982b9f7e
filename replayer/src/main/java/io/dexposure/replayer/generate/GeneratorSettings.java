package io.dexposure.replayer.generate;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that determines a generated run: the same settings give byte-identical output.
 *
 * @param seed      master seed; every random stream of the generator is derived from it
 * @param sizes     the weeks to generate and their node and link counts
 * @param scenarios crises to script (at most one per kind); one whose first collapse week, or the week
 *                  before it, is not generated is left out
 */
public record GeneratorSettings(long seed, WeeklySizes sizes, List<CrisisScenario> scenarios) {
    public GeneratorSettings {
        Objects.requireNonNull(sizes, "sizes");
        scenarios = List.copyOf(scenarios);
        Set<CrisisKind> kinds = EnumSet.noneOf(CrisisKind.class);
        for (CrisisScenario s : scenarios) {
            if (!kinds.add(s.kind())) {
                throw new IllegalArgumentException("more than one " + s.kind().scenarioName() + " scenario");
            }
        }
    }

    /** The default scenarios (Terra-like 2022-05-09, FTX-like 2022-11-07). */
    public static GeneratorSettings withDefaultScenarios(long seed, WeeklySizes sizes) {
        return new GeneratorSettings(seed, sizes, CrisisScenario.defaults());
    }

    public static GeneratorSettings withoutScenarios(long seed, WeeklySizes sizes) {
        return new GeneratorSettings(seed, sizes, List.of());
    }

    /** The scenarios this run will script: first collapse week generated, and the week before it too. */
    public List<CrisisScenario> scriptedScenarios() {
        return scenarios.stream().filter(s -> sizes.indexOf(s.firstWeek()) > 0
                && sizes.weeks().get(sizes.indexOf(s.firstWeek()) - 1).week().equals(s.baselineWeek())).toList();
    }

    public LocalDate firstWeek() {
        return sizes.weeks().get(0).week();
    }

    public LocalDate lastWeek() {
        return sizes.weeks().get(sizes.size() - 1).week();
    }
}
