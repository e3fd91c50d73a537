package io.tributary.connect.iceberg.commit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka offsets a sink has committed into one table, kept in the table itself: every snapshot the sink
 * commits carries, under one summary key per sink, the offsets of <em>every</em> topic partition it has
 * ever written to the table (merged, not just the partitions of that commit). Reading the newest snapshot
 * that carries the key is therefore enough, however many other writers committed since.
 *
 * <p>The value is JSON, {@code {"topic": {"0": 42, "1": 17}}}: the offset of the next record to write.
 */
public final class OffsetLedger {

    /** Snapshot summary key prefix; the suffix is the sink's offsets id (by default its connector name). */
    public static final String KEY_PREFIX = "tributary.kafka-offsets.";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Map<String, Long>>> SHAPE = new TypeReference<>() {
    };

    private final String key;

    public OffsetLedger(String offsetsId) {
        this.key = KEY_PREFIX + offsetsId;
    }

    public String summaryKey() {
        return key;
    }

    /** Offsets stored in the table's current state (its main branch), or none. */
    public Map<TopicPartition, Long> read(Table table) {
        Snapshot current = table.currentSnapshot();
        return current == null ? Map.of() : read(SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot));
    }

    /** Offsets stored on {@code branch} (null: main; a branch not created yet: main). */
    public Map<TopicPartition, Long> read(Table table, String branch) {
        return read(FencedCommitter.ancestry(table, branch));
    }

    /** Offsets stored by the newest snapshot of {@code ancestry} (newest first) that carries the key. */
    public Map<TopicPartition, Long> read(Iterable<Snapshot> ancestry) {
        for (Snapshot snapshot : ancestry) {
            String value = snapshot.summary() == null ? null : snapshot.summary().get(key);
            if (value != null) {
                return decode(value);
            }
        }
        return Map.of();
    }

    static String encode(Map<TopicPartition, Long> offsets) {
        Map<String, Map<String, Long>> byTopic = new TreeMap<>();
        offsets.forEach((tp, offset) -> byTopic.computeIfAbsent(tp.topic(), t -> new TreeMap<>(
                (a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))))
                .put(Integer.toString(tp.partition()), offset));
        try {
            return JSON.writeValueAsString(byTopic);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode offsets", e);
        }
    }

    static Map<TopicPartition, Long> decode(String value) {
        try {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            JSON.readValue(value, SHAPE).forEach((topic, partitions) -> partitions.forEach(
                    (partition, offset) -> offsets.put(new TopicPartition(topic, Integer.parseInt(partition)), offset)));
            return offsets;
        } catch (JsonProcessingException | NumberFormatException e) {
            throw new IllegalStateException("Snapshot summary holds unreadable Kafka offsets: " + value, e);
        }
    }
}
