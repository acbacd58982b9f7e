package io.dexposure.tools.docs;

import io.dexposure.job.streams.ResultStream;
import io.dexposure.job.streams.ResultStreams;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/cli.md and the stream table of docs/records.md are what the code says. With -Ddocs.update=true the
 * test rewrites them first (then commit the result).
 */
class DocsGeneratorTest {
    private static final Path REPO = Path.of("..");

    @Test
    void committedReferenceDocsMatchTheCode() throws Exception {
        if (Boolean.getBoolean("docs.update")) {
            DocsGenerator.write(REPO);
        }
        assertThat(Files.readString(REPO.resolve("docs/cli.md")))
                .as("docs/cli.md is generated: rerun with -Ddocs.update=true").isEqualTo(DocsGenerator.cliReference());
        assertThat(Files.readString(REPO.resolve("docs/records.md")))
                .as("docs/records.md's stream table is generated: rerun with -Ddocs.update=true")
                .contains(DocsGenerator.streamsTable());
    }

    @Test
    void theReferenceNamesEveryFlagAndEveryStream() {
        String cli = DocsGenerator.cliReference();
        assertThat(cli).contains("## `job`", "## `demo`", "`--bootstrap-servers", "`--topic STREAM=TOPIC`", "`--jdbc-url",
                "`--roland-max-epochs", "`--pagerank-engine", "`--checkpoint-dir");
        String table = DocsGenerator.streamsTable();
        for (ResultStream<?> s : ResultStreams.ALL) {
            assertThat(table).contains("`" + s.name() + "`", "`" + s.defaultTopic() + "`", "`" + s.table() + "`");
        }
    }
}
