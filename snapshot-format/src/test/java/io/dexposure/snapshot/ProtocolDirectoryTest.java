package io.dexposure.snapshot;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtocolDirectoryTest {
    /** The dataset's mapping, outside the repository; tests run with the module directory as cwd. */
    private static final Path REAL_MAPPING = Path.of("../../shared/data/mapping/id_to_info.json");

    @TempDir
    Path dir;

    @Test
    void realMappingNamesAaveV3() throws IOException {
        Assumptions.assumeTrue(Files.exists(REAL_MAPPING),
                "the dataset mapping " + REAL_MAPPING.toAbsolutePath().normalize() + " is not present");

        ProtocolDirectory directory = ProtocolDirectory.load(REAL_MAPPING);

        assertThat(directory.lookup("1599")).contains(
                new ProtocolInfo("AAVE V3", "Lending, Borrowing & Real World Assets"));
        assertThat(directory.lookup("182")).map(ProtocolInfo::name).contains("Lido");
        assertThat(directory.lookup("USDT")).as("token buckets are not protocols").isEmpty();
        assertThat(directory.size()).isGreaterThan(1000);
    }

    @Test
    void loadsNameAndCategorySkippingUnknownFields() throws IOException {
        Path file = Files.writeString(dir.resolve("id_to_info.json"), """
                {"1599": {"name": "AAVE V3", "category": "Lending", "chains": ["Ethereum"], "tvl": 1.5},
                 "182": {"category": null, "name": "Lido"}}
                """);

        ProtocolDirectory directory = ProtocolDirectory.load(file);

        assertThat(directory.size()).isEqualTo(2);
        assertThat(directory.lookup("1599")).contains(new ProtocolInfo("AAVE V3", "Lending"));
        assertThat(directory.lookup("182")).contains(new ProtocolInfo("Lido", null));
        assertThat(directory.lookup("9999")).isEmpty();
    }

    @Test
    void entryThatIsNotAnObjectNamesTheId() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"1599\": \"AAVE V3\"}");

        assertThatThrownBy(() -> ProtocolDirectory.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("'1599'");
    }

    @Test
    void emptyAndOfDirectories() {
        assertThat(ProtocolDirectory.empty().lookup("1599")).isEmpty();
        assertThat(ProtocolDirectory.of(Map.of("1", new ProtocolInfo("One", "Dexs"))).lookup("1"))
                .map(ProtocolInfo::category).contains("Dexs");
    }
}
