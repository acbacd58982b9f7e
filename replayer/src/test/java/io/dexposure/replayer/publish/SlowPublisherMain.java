package io.dexposure.replayer.publish;

import io.dexposure.snapshot.SnapshotNode;
import io.dexposure.snapshot.WeekSnapshot;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * A replay run that the crash test SIGKILLs in the middle of a week: publishes {@link WeekPublisherCrashTest#WEEKS}
 * to the topic, reading the nodes of week {@link WeekPublisherCrashTest#SLOW_WEEK} slowly, and prints
 * "IN-WEEK &lt;week&gt; &lt;node&gt;" once that week's transaction is well under way. Args: bootstrap topic.
 */
public final class SlowPublisherMain {
    private SlowPublisherMain() {
    }

    public static void main(String[] args) {
        List<WeekSnapshot> weeks = new ArrayList<>(WeekPublisherCrashTest.weeks());
        WeekSnapshot slow = weeks.get(WeekPublisherCrashTest.SLOW_WEEK);
        weeks.set(WeekPublisherCrashTest.SLOW_WEEK, new WeekSnapshot(slow.week(), new SlowList(slow), slow.links(),
                slow.droppedLinks(), slow.flippedLinks()));
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(args[0], args[1]))) {
            publisher.publishAll(weeks.iterator(), WeekPublisherCrashTest.ORIGIN,
                    p -> System.out.println("COMMITTED " + p.week()));
        }
        System.out.println("DONE"); // should never get here: the test kills this JVM first
    }

    /** The week's nodes, handed out at ~1 per ms, announcing when the transaction is half-way. */
    private static final class SlowList extends AbstractList<SnapshotNode> {
        private final WeekSnapshot week;

        SlowList(WeekSnapshot week) {
            this.week = week;
        }

        @Override
        public SnapshotNode get(int index) {
            if (index == week.nodes().size() / 2) {
                System.out.println("IN-WEEK " + week.week() + " " + index);
                System.out.flush();
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return week.nodes().get(index);
        }

        @Override
        public int size() {
            return week.nodes().size();
        }
    }
}
