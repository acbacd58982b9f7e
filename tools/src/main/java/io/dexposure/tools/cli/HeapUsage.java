package io.dexposure.tools.cli;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap a run really needs: the largest heap still in use right after a garbage collection (the
 * live set, garbage excluded), tracked from the collectors' notifications once {@link #track()} ran.
 */
final class HeapUsage {
    private static final AtomicLong PEAK_LIVE_BYTES = new AtomicLong();
    private static volatile boolean tracking;

    private HeapUsage() {
    }

    static synchronized void track() {
        if (tracking) {
            return;
        }
        tracking = true;
        // The after-GC figures cover every pool (metaspace, code cache too): keep the heap ones.
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long live = 0;
                    for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(pool.getKey())) {
                            live += pool.getValue().getUsed();
                        }
                    }
                    PEAK_LIVE_BYTES.accumulateAndGet(live, Math::max);
                }, null, null);
            }
        }
    }

    /** Largest heap in use right after a collection since {@link #track()}. */
    static long peakLiveMb() {
        return PEAK_LIVE_BYTES.get() >> 20;
    }

    static long maxMb() {
        return Runtime.getRuntime().maxMemory() >> 20;
    }
}
