package io.tributary.connect.iceberg.commit;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What became of one commit attempt.
 *
 * @param snapshotId the snapshot that now holds the files, or -1 when fenced
 * @param fenced     partitions whose stored offsets were not the ones this task started from: another task
 *                   owns them now, and this task's files were discarded
 * @param stored     the table's offsets after the attempt
 */
public record CommitOutcome(long snapshotId, Set<TopicPartition> fenced, Map<TopicPartition, Long> stored) {

    public boolean committed() {
        return fenced.isEmpty();
    }
}
