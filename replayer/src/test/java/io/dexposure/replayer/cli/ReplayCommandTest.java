package io.dexposure.replayer.cli;

import io.dexposure.localkafka.LocalKafkaBroker;
import io.dexposure.replayer.publish.PublishedWeeks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay command on a file that goes bad part-way: a clear error naming file, week and field,
 * the weeks before it committed, nothing of the bad week, and a rerun on the fixed file that resumes.
 */
class ReplayCommandTest {
    @TempDir
    Path dir;

    private static final String GOOD_WEEK = "\"2022-05-02\": {\"nodes\": [{\"id\": \"1\", \"size\": 10.0}, {\"id\": \"USDT\", \"size\": 4.0}],"
            + " \"links\": [{\"source\": \"1\", \"target\": \"USDT\", \"size\": 4.0}]}";

    private static String secondWeek(String size) {
        return "\"2022-05-09\": {\"nodes\": [{\"id\": \"1\", \"size\": 9.0}, {\"id\": \"USDT\", \"size\": 4.0}],"
                + " \"links\": [{\"source\": \"1\", \"target\": \"USDT\", \"size\": " + size + "}]}";
    }

    private int replay(Path file, String bootstrap, String topic, StringWriter err) {
        CommandLine cli = CliErrors.commandLine(new ReplayCommand());
        cli.setErr(new PrintWriter(err, true));
        return cli.execute("--input", file.toString(), "--bootstrap-servers", bootstrap, "--topic", topic,
                "--transactional-id-prefix", "replay-command-test-");
    }

    @Test
    void badWeekStopsTheReplayWithoutLosingTheWeeksBeforeIt() throws Exception {
        String bootstrap = LocalKafkaBroker.shared().bootstrapServers();
        String topic = "replay-command-" + UUID.randomUUID();
        Path file = dir.resolve("weeks.json");
        Files.writeString(file, "{\"data\": {" + GOOD_WEEK + ", " + secondWeek("\"abc\"") + "}}");

        StringWriter err = new StringWriter();
        int exit = replay(file, bootstrap, topic, err);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("weeks.json").contains("2022-05-09").contains("links[0].size")
                .doesNotContain("\tat ");
        assertThat(PublishedWeeks.lastCommittedWeek(bootstrap, topic)).contains(LocalDate.of(2022, 5, 2));

        Files.writeString(file, "{\"data\": {" + GOOD_WEEK + ", " + secondWeek("3.5") + "}}");
        assertThat(replay(file, bootstrap, topic, new StringWriter())).isZero();
        assertThat(PublishedWeeks.lastCommittedWeek(bootstrap, topic)).contains(LocalDate.of(2022, 5, 9));
    }

    @Test
    void missingFileIsOneClearLine() {
        StringWriter err = new StringWriter();
        int exit = replay(dir.resolve("nope.json"), "127.0.0.1:9", "t", err);
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("nope.json").doesNotContain("\tat ");
    }
}
