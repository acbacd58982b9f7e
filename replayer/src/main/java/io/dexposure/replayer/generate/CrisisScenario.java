package io.dexposure.replayer.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A scripted crisis: its kind and its two collapse weeks ({@code firstWeek} and the week after). It is
 * scripted when {@code firstWeek} is a generated week and the week before it is generated too (so the
 * drop is visible); otherwise the generator leaves it out of the run and out of the manifest.
 */
public record CrisisScenario(CrisisKind kind, LocalDate firstWeek) {
    public CrisisScenario {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(firstWeek, "firstWeek");
    }

    public static CrisisScenario terraLike(LocalDate firstWeek) {
        return new CrisisScenario(CrisisKind.TERRA_LIKE, firstWeek);
    }

    public static CrisisScenario ftxLike(LocalDate firstWeek) {
        return new CrisisScenario(CrisisKind.FTX_LIKE, firstWeek);
    }

    /** Terra-like from 2022-05-09 and FTX-like from 2022-11-07. */
    public static List<CrisisScenario> defaults() {
        return List.of(terraLike(CrisisKind.TERRA_LIKE.defaultFirstWeek()),
                ftxLike(CrisisKind.FTX_LIKE.defaultFirstWeek()));
    }

    public LocalDate secondWeek() {
        return firstWeek.plusDays(7);
    }

    /** The week the drop is measured against. */
    public LocalDate baselineWeek() {
        return firstWeek.minusDays(7);
    }
}
