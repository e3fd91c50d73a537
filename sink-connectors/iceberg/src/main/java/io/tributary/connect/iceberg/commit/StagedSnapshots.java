package io.tributary.connect.iceberg.commit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.connect.smt.boundary.SnapshotBoundary.Marker;
import io.tributary.connect.smt.boundary.SnapshotCompletion;
import io.tributary.connect.smt.boundary.SnapshotCompletion.PartitionTally;
import io.tributary.connect.smt.boundary.SnapshotCompletion.Progress;
import io.tributary.connect.smt.boundary.SnapshotRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the source snapshots staged in one table stand, kept in the summary of the table's stage-branch
 * snapshots (snapshot-replace mode): for every topic partition, what it delivered of each snapshot not yet
 * finished ({@link PartitionTally}: rows written, last offset, end marker); and per source table the newest
 * snapshot that finished, published or rejected.
 *
 * <p>Like the offsets ({@link OffsetLedger}) it is merged cumulatively, so the newest stage snapshot carrying
 * the key holds the whole state. Each task replaces only the tallies of its own partitions, together with their
 * offsets and under the same fence, so the tallies of all partitions meet here, in the table, however the
 * partitions are spread over tasks. Immutable.
 */
public final class StagedSnapshots {

    /** Snapshot summary key prefix; the suffix is the sink's offsets id. */
    public static final String KEY_PREFIX = "tributary.staged-snapshots.";

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final StagedSnapshots EMPTY = new StagedSnapshots(Map.of(), Map.of());

    /** Newest finished snapshot per source table. */
    private final Map<String, SnapshotRef> finished;
    private final Map<TopicPartition, List<PartitionTally>> tallies;

    /** How a snapshot that had all its end markers finished. */
    public record Finished(SnapshotRef snapshot, String topic, SnapshotCompletion.State state, long rows,
            String problem) {

        public boolean publishable() {
            return state == SnapshotCompletion.State.COMPLETE;
        }
    }

    private StagedSnapshots(Map<String, SnapshotRef> finished, Map<TopicPartition, List<PartitionTally>> tallies) {
        this.finished = Map.copyOf(finished);
        Map<TopicPartition, List<PartitionTally>> copy = new HashMap<>();
        tallies.forEach((partition, list) -> {
            if (!list.isEmpty()) {
                copy.put(partition, List.copyOf(list));
            }
        });
        this.tallies = Map.copyOf(copy);
    }

    /** The state stored by the newest snapshot of {@code ancestry} (newest first) that carries {@code key}. */
    public static StagedSnapshots read(Iterable<Snapshot> ancestry, String key) {
        for (Snapshot snapshot : ancestry) {
            String value = snapshot.summary() == null ? null : snapshot.summary().get(key);
            if (value != null) {
                return decode(value);
            }
        }
        return EMPTY;
    }

    /** The newest snapshot of {@code table} that finished, if any. */
    public Optional<SnapshotRef> finished(String table) {
        return Optional.ofNullable(finished.get(table));
    }

    /** Whether records of {@code snapshot} have nothing left to do: it, or a newer one, finished. */
    public boolean isDone(SnapshotRef snapshot) {
        SnapshotRef newest = finished.get(snapshot.table());
        return newest != null && !snapshot.isNewerThan(newest);
    }

    /** The tallies of one partition, oldest snapshot first. */
    public List<PartitionTally> tallies(TopicPartition partition) {
        return tallies.getOrDefault(partition, List.of());
    }

    /** This state with the tallies of {@code partitions} replaced by {@code mine}, pruned. */
    public StagedSnapshots withTallies(Collection<TopicPartition> partitions,
            Map<TopicPartition, List<PartitionTally>> mine) {
        Map<TopicPartition, List<PartitionTally>> merged = new HashMap<>(tallies);
        partitions.forEach(merged::remove);
        mine.forEach((partition, list) -> merged.put(partition, list));
        return new StagedSnapshots(finished, pruned(merged, finished));
    }

    /** This state with {@code snapshot} finished, and every tally of it or an older one of its table dropped. */
    public StagedSnapshots withFinished(SnapshotRef snapshot) {
        Map<String, SnapshotRef> newest = new HashMap<>(finished);
        newest.merge(snapshot.table(), snapshot, (a, b) -> b.isNewerThan(a) ? b : a);
        return new StagedSnapshots(newest, pruned(tallies, newest));
    }

    /**
     * The snapshots that have an end marker on every partition they were spread over, and how they finished.
     * Each topic is judged on its own: the source spreads a snapshot over the partitions of one topic.
     */
    public List<Finished> ended() {
        Map<String, Map<String, List<PartitionTally>>> byTopicAndSnapshot = new TreeMap<>();
        tallies.forEach((partition, list) -> list.forEach(tally -> byTopicAndSnapshot
                .computeIfAbsent(partition.topic(), t -> new TreeMap<>())
                .computeIfAbsent(tally.snapshot().id(), id -> new ArrayList<>())
                .add(tally)));
        List<Finished> ended = new ArrayList<>();
        byTopicAndSnapshot.forEach((topic, bySnapshot) -> bySnapshot.forEach((id, list) -> {
            SnapshotCompletion completion = new SnapshotCompletion();
            Progress last = null;
            for (PartitionTally tally : list) {
                last = completion.restore(tally);
                if (last.finished()) {
                    break;
                }
            }
            if (last != null && last.finished()) {
                ended.add(new Finished(last.snapshot(), topic, last.state(), last.rowsSeen(), last.problem()));
            }
        }));
        return ended;
    }

    private static Map<TopicPartition, List<PartitionTally>> pruned(Map<TopicPartition, List<PartitionTally>> tallies,
            Map<String, SnapshotRef> finished) {
        Map<TopicPartition, List<PartitionTally>> kept = new HashMap<>();
        tallies.forEach((partition, list) -> kept.put(partition, list.stream().filter(tally -> {
            SnapshotRef newest = finished.get(tally.snapshot().table());
            return newest == null || tally.snapshot().isNewerThan(newest);
        }).toList()));
        return kept;
    }

    public String encode() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode done = root.putObject("finished");
        new TreeMap<>(finished).forEach((table, snapshot) -> done.set(table, ref(snapshot)));
        ObjectNode byTopic = root.putObject("tallies");
        Map<String, Map<Integer, List<PartitionTally>>> sorted = new TreeMap<>();
        tallies.forEach((partition, list) -> sorted.computeIfAbsent(partition.topic(), t -> new TreeMap<>())
                .put(partition.partition(), list));
        sorted.forEach((topic, partitions) -> {
            ObjectNode topicNode = byTopic.putObject(topic);
            partitions.forEach((partition, list) -> {
                ArrayNode array = topicNode.putArray(Integer.toString(partition));
                for (PartitionTally tally : list) {
                    ObjectNode node = ref(tally.snapshot());
                    node.put("rows", tally.rowsSeen()).put("last", tally.lastOffset());
                    if (tally.marker() != null) {
                        node.put("end", tally.marker().partitionRows())
                                .put("partitions", tally.marker().partitions())
                                .put("total", tally.marker().totalRows());
                    }
                    array.add(node);
                }
            });
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode the staged snapshots", e);
        }
    }

    static StagedSnapshots decode(String value) {
        try {
            JsonNode root = JSON.readTree(value);
            Map<String, SnapshotRef> finished = new LinkedHashMap<>();
            root.path("finished").fields().forEachRemaining(entry -> finished.put(entry.getKey(),
                    ref(entry.getValue())));
            Map<TopicPartition, List<PartitionTally>> tallies = new HashMap<>();
            root.path("tallies").fields().forEachRemaining(topic -> topic.getValue().fields().forEachRemaining(p -> {
                int partition = Integer.parseInt(p.getKey());
                List<PartitionTally> list = new ArrayList<>();
                for (JsonNode node : p.getValue()) {
                    SnapshotRef snapshot = ref(node);
                    Marker marker = node.has("end") ? new Marker(snapshot, node.get("end").asLong(),
                            node.get("partitions").asInt(), node.get("total").asLong()) : null;
                    list.add(new PartitionTally(snapshot, partition, node.get("rows").asLong(),
                            node.get("last").asLong(), marker));
                }
                tallies.put(new TopicPartition(topic.getKey(), partition), list);
            }));
            return new StagedSnapshots(finished, tallies);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("Snapshot summary holds an unreadable staged-snapshot state: " + value, e);
        }
    }

    /** The ids of the snapshots this state holds tallies of: staged and not finished. */
    public Set<String> snapshotIds() {
        Set<String> ids = new HashSet<>();
        tallies.values().forEach(list -> list.forEach(tally -> ids.add(tally.snapshot().id())));
        return ids;
    }

    /** A snapshot as JSON, with its row count: what the main branch's summary says was published. */
    static String encodeRef(SnapshotRef snapshot, long rows) {
        try {
            return JSON.writeValueAsString(ref(snapshot).put("rows", rows));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode snapshot " + snapshot.id(), e);
        }
    }

    static SnapshotRef decodeRef(String value) {
        try {
            return ref(JSON.readTree(value));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("Snapshot summary names an unreadable published snapshot: " + value, e);
        }
    }

    private static ObjectNode ref(SnapshotRef snapshot) {
        return JSON.createObjectNode().put("id", snapshot.id()).put("table", snapshot.table())
                .put("started", snapshot.startedMillis());
    }

    private static SnapshotRef ref(JsonNode node) {
        return new SnapshotRef(node.get("id").asText(), node.get("table").asText(),
                Instant.ofEpochMilli(node.get("started").asLong()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StagedSnapshots that && finished.equals(that.finished) && tallies.equals(that.tallies);
    }

    @Override
    public int hashCode() {
        return finished.hashCode() * 31 + tallies.hashCode();
    }
}
