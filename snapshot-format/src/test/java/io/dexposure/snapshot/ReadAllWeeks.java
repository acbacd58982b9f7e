package io.dexposure.snapshot;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Reads every week of a snapshot file and prints what it read, one {@code key=value} line; run in a
 * child JVM with a small heap by {@link SnapshotReaderMemoryTest}.
 */
public final class ReadAllWeeks {
    private ReadAllWeeks() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long weeks = 0;
        long nodes = 0;
        long links = 0;
        long dropped = 0;
        long flipped = 0;
        double exposureUsd = 0;
        long bytes;
        long start = System.nanoTime();
        try (SnapshotReader reader = SnapshotReader.open(file, SnapshotReader.Options.all())) {
            while (reader.hasNext()) {
                WeekSnapshot week = reader.next();
                weeks++;
                nodes += week.nodes().size();
                links += week.links().size();
                dropped += week.droppedLinks();
                flipped += week.flippedLinks();
                for (SnapshotLink link : week.links()) {
                    exposureUsd += link.exposureUsd();
                }
            }
            bytes = reader.bytesRead();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peakHeapBytes = 0; // per-pool peaks summed: an upper bound of the heap ever in use
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeapBytes += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("weeks=" + weeks + " nodes=" + nodes + " links=" + links + " dropped=" + dropped
                + " flipped=" + flipped + " exposureUsd=" + exposureUsd + " bytes=" + bytes + " millis=" + millis
                + " maxHeapMb=" + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " peakHeapMb=" + peakHeapBytes / (1 << 20));
    }
}
