package io.dexposure.flink.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Heap figures the launchers report: peak use since JVM start (garbage included) and the heap limit. */
final class HeapUsage {
    private HeapUsage() {
    }

    /** Sum of the heap pools' peaks: an upper bound of what the run needed at once. */
    static long peakMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    static long maxMb() {
        return Runtime.getRuntime().maxMemory() >> 20;
    }
}
