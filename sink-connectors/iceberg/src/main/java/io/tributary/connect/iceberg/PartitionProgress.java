package io.tributary.connect.iceberg;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Where each partition this task owns stands: the last offset it was handed, and rewinds it asked for that
 * have not taken effect yet.
 *
 * <p>Connect applies a rewind ({@code context.offset}) only at its next poll. Records handed over before
 * then — already fetched, or still in flight — lie above everything the task had seen, and would be written
 * before the records the rewind re-reads; then the re-read records look old and are skipped. So while a
 * rewind is outstanding, records above the last offset seen are ignored (they come again after the seek),
 * and the first record at or below it shows the seek took effect. Meanwhile the consumer group may not
 * advance past the rewind's target.
 */
final class PartitionProgress {

    private record Rewind(long target, long ignoreAbove) {
    }

    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<TopicPartition, Long> lastSeen = new HashMap<>();
    private final Map<TopicPartition, Rewind> rewinds = new HashMap<>();

    void assign(Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
    }

    void revoke(Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
        partitions.forEach(lastSeen::remove);
        partitions.forEach(rewinds::remove);
    }

    Set<TopicPartition> assigned() {
        return assigned;
    }

    /**
     * Whether to process the record at {@code offset}: false for partitions this task does not own (records
     * of a revoked partition that Connect still delivers) and for records delivered before a rewind took
     * effect.
     */
    boolean accept(TopicPartition partition, long offset) {
        if (!assigned.contains(partition)) {
            return false;
        }
        Rewind rewind = rewinds.get(partition);
        if (rewind != null) {
            if (offset > rewind.ignoreAbove()) {
                return false;
            }
            rewinds.remove(partition);
        }
        lastSeen.put(partition, offset);
        return true;
    }

    /**
     * Notes rewinds of owned partitions to {@code targets}, except those that would re-read nothing.
     *
     * @return the rewinds to hand to Connect
     */
    Map<TopicPartition, Long> rewind(Map<TopicPartition, Long> targets) {
        Map<TopicPartition, Long> seeks = new HashMap<>();
        targets.forEach((partition, target) -> {
            Long seen = lastSeen.get(partition);
            if (!assigned.contains(partition) || seen == null || target > seen) {
                return;
            }
            rewinds.merge(partition, new Rewind(target, seen),
                    (old, fresh) -> new Rewind(Math.min(old.target(), fresh.target()), old.ignoreAbove()));
            seeks.put(partition, rewinds.get(partition).target());
        });
        return seeks;
    }

    /** {@code consumed}, or less while a rewind to below it is outstanding. */
    long cap(TopicPartition partition, long consumed) {
        Rewind rewind = rewinds.get(partition);
        return rewind == null ? consumed : Math.min(consumed, rewind.target());
    }
}
