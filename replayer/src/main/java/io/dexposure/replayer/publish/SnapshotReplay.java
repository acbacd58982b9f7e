package io.dexposure.replayer.publish;

import io.dexposure.snapshot.SnapshotReader;
import io.dexposure.snapshot.WeekSnapshot;

import org.apache.kafka.common.errors.RetriableException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A snapshot file replayed into Kafka: the streaming reader feeding the transactional publisher, week
 * by week, with progress lines that say how far through the file the replay is. Shared by the replay
 * command and the demo.
 */
public final class SnapshotReplay {
    private SnapshotReplay() {
    }

    /**
     * What a replay did, plus the weeks of the file it saw (published now or already on the topic).
     *
     * @param summary        the last attempt's: after a retry, the weeks the failed attempts committed count as skipped
     * @param failedAttempts attempts that failed and were retried ({@link #runRetrying}); 0 for {@link #run}
     */
    public record Result(PublishSummary summary, List<LocalDate> weeksInInput, int failedAttempts) {
        public Result(PublishSummary summary, List<LocalDate> weeksInInput) {
            this(summary, weeksInInput, 0);
        }
    }

    /**
     * {@link #run}, started again after a failure that a wait can cure (Kafka unreachable or timing out: a broker
     * outage or restart), so a replay rides out an outage by itself. Every attempt reads the file anew and resumes
     * after the last week committed on the topic, so nothing is published twice and nothing is lost; a week whose
     * commit was in doubt is read back from the topic, not guessed. Gives up (throws the last failure) when no week
     * has been committed for {@code retryFor}, and at once on a failure no wait cures (foreign records on the topic,
     * another publisher fencing this one, a bad file).
     *
     * @param retryFor how long to keep trying without committing a week; zero = {@link #run}, fail at once
     * @param pause    between attempts (each failed attempt has already waited up to the publisher's timeout)
     */
    public static Result runRetrying(Path file, SnapshotReader.Options readerOptions, PublisherConfig config,
                                     Consumer<String> progressLines, Duration retryFor, Duration pause) throws IOException {
        long lastProgressAt = System.nanoTime();
        int failed = 0;
        while (true) {
            AtomicLong committed = new AtomicLong();
            try {
                Result result = run(file, readerOptions, config, line -> {
                    committed.incrementAndGet();
                    progressLines.accept(line);
                });
                return new Result(result.summary(), result.weeksInInput(), failed);
            } catch (PublishFailedException e) {
                if (committed.get() > 0) {
                    lastProgressAt = System.nanoTime();
                }
                Duration stalled = Duration.ofNanos(System.nanoTime() - lastProgressAt);
                if (!curedByWaiting(e) || stalled.plus(pause).compareTo(retryFor) > 0) {
                    throw e;
                }
                failed++;
                progressLines.accept(String.format(Locale.US, "publishing failed (attempt %d; no week committed for %d s, "
                                + "giving up after %d s): %s; trying again in %d s, resuming after the last committed week",
                        failed, stalled.toSeconds(), retryFor.toSeconds(), firstLine(e.getMessage()), pause.toSeconds()));
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Kafka did not answer, or answered "not now" (retriable): a broker away or restarting, which a wait cures. */
    static boolean curedByWaiting(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
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
