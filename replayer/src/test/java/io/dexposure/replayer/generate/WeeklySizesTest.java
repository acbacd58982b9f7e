package io.dexposure.replayer.generate;

import io.dexposure.replayer.generate.WeeklySizes.WeekSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeeklySizesTest {
    @Test
    void readsTheDatasetColumnsInAnyOrderAndScales(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("c.csv");
        Files.writeString(csv, "num_links,date,density,num_nodes\n18039,2022-04-18,0.00096,4332\n\n"
                + "17597,2022-04-25,0.00096,4275\n", StandardCharsets.UTF_8);
        WeeklySizes sizes = WeeklySizes.fromCsv(csv, 0.05);
        assertThat(sizes.weeks()).containsExactly(new WeekSize(LocalDate.of(2022, 4, 18), 217, 902),
                new WeekSize(LocalDate.of(2022, 4, 25), 214, 880));
    }

    @Test
    void tinyWeeksAreRaisedToTheMinimum(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("c.csv");
        Files.writeString(csv, "date,num_nodes,num_links,density\n2020-03-23,9,8,0.11\n", StandardCharsets.UTF_8);
        WeekSize week = WeeklySizes.fromCsv(csv, 1.0).weeks().get(0);
        assertThat(week.nodes()).isEqualTo(WeeklySizes.MIN_NODES);
        assertThat(week.links()).isEqualTo(WeeklySizes.minLinks(WeeklySizes.MIN_NODES));
    }

    @Test
    void malformedCsvNamesTheProblem(@TempDir Path dir) throws IOException {
        Path noColumns = dir.resolve("a.csv");
        Files.writeString(noColumns, "week,nodes\n2022-01-03,5\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> WeeklySizes.fromCsv(noColumns, 1)).hasMessageContaining("num_nodes");
        Path badRow = dir.resolve("b.csv");
        Files.writeString(badRow, "date,num_nodes,num_links\n2022-01-03,many,5\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> WeeklySizes.fromCsv(badRow, 1)).hasMessageContaining("b.csv:2");
        Path unordered = dir.resolve("c.csv");
        Files.writeString(unordered, "date,num_nodes,num_links\n2022-01-10,500,900\n2022-01-03,500,900\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> WeeklySizes.fromCsv(unordered, 1)).hasMessageContaining("increasing");
    }

    @Test
    void fixedWeeksAreMondaysSevenDaysApart() {
        WeeklySizes sizes = WeeklySizes.fixed(LocalDate.of(2022, 5, 2), 3, 100, 500);
        assertThat(sizes.weeks()).extracting(WeekSize::week).containsExactly(LocalDate.of(2022, 5, 2),
                LocalDate.of(2022, 5, 9), LocalDate.of(2022, 5, 16));
        assertThat(sizes.between(LocalDate.of(2022, 5, 9), null).size()).isEqualTo(2);
        assertThat(sizes.firstWeeks(1).size()).isEqualTo(1);
        assertThatThrownBy(() -> WeeklySizes.fixed(LocalDate.of(2022, 5, 3), 3, 100, 500))
                .hasMessageContaining("Monday");
        assertThatThrownBy(() -> sizes.between(LocalDate.of(2023, 1, 2), null)).hasMessageContaining("no week");
        assertThatThrownBy(() -> WeeklySizes.fixed(LocalDate.of(2022, 5, 2), 1, 100, 5000))
                .hasMessageContaining("too dense");
    }
}
