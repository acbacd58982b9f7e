package io.dexposure.replayer.publish;

import io.dexposure.snapshot.SnapshotReader;
import io.dexposure.snapshot.WeekSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A snapshot file replayed into Kafka: the streaming reader feeding the transactional publisher, week
 * by week, with progress lines that say how far through the file the replay is. Shared by the replay
 * command and the demo.
 */
public final class SnapshotReplay {
    private SnapshotReplay() {
    }

    /** What a replay did, plus the weeks of the file it saw (published now or already on the topic). */
    public record Result(PublishSummary summary, List<LocalDate> weeksInInput) {
    }

    public static Result run(Path file, SnapshotReader.Options readerOptions, PublisherConfig config,
                             Consumer<String> progressLines) throws IOException {
        return run(file, readerOptions, config, progressLines, week -> { });
    }

    /** @param weekRead told of each week as it is read from the file, before it is published */
    public static Result run(Path file, SnapshotReader.Options readerOptions, PublisherConfig config,
                             Consumer<String> progressLines, Consumer<LocalDate> weekRead) throws IOException {
        long fileSize = Files.size(file);
        List<LocalDate> seen = new ArrayList<>();
        try (SnapshotReader reader = SnapshotReader.open(file, readerOptions);
             WeekPublisher publisher = new WeekPublisher(config)) {
            Iterator<WeekSnapshot> weeks = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return reader.hasNext();
                }

                @Override
                public WeekSnapshot next() {
                    WeekSnapshot week = reader.next();
                    seen.add(week.week());
                    weekRead.accept(week.week());
                    return week;
                }
            };
            PublishSummary summary = publisher.publishAll(weeks, file.getFileName().toString(),
                    progress -> progressLines.accept(progress.describe() + String.format(Locale.US,
                            " | %.0f%% of %s", 100.0 * reader.bytesRead() / Math.max(1, fileSize), file.getFileName())));
            return new Result(summary, seen);
        }
    }
}
