package io.tributary.connect.smt.boundary;

import io.tributary.connect.smt.boundary.SnapshotBoundary.Marker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.connect.header.Headers;

/**
 * Tells a consumer of snapshot records (the sink) when a snapshot has ended on all its partitions, and whether
 * everything the source wrote arrived. Feed it every record of the snapshot topics with its partition and
 * offset, in the order each partition delivers them; it answers with the snapshot's {@link Progress}.
 *
 * <p>Rules, and why:
 * <ul>
 *   <li>A record at an offset at or below the highest one seen for its snapshot and partition is a re-delivery
 *       (a rewind, a restart) and changes nothing, so feeding the same records twice is harmless.</li>
 *   <li>A marker ends its partition; the first one counts. Rows or markers of that snapshot arriving in the
 *       partition after it can only be re-sent by a source that resumed without exactly-once delivery, and
 *       are ignored.</li>
 *   <li>When the last of the N partitions ends, the snapshot finishes exactly once: {@link State#COMPLETE},
 *       {@link State#DUPLICATES} or {@link State#MISMATCH}. Any later record of it is
 *       {@link State#ALREADY_FINISHED}; any record of an older snapshot of the same table is
 *       {@link State#SUPERSEDED} (an abandoned snapshot never finishes, or finishes too late to matter).</li>
 * </ul>
 *
 * <p>A sink whose task restarts in the middle of a snapshot saves {@link #tallies} with its committed offsets
 * and {@link #restore}s them, or it would count too few rows. Several sink tasks that share a topic each see
 * some partitions only; they share tallies the same way. Not thread-safe: one per task.
 */
public final class SnapshotCompletion {

    /** Where a snapshot stands after a record. */
    public enum State {
        /** Not every partition has ended yet. */
        IN_PROGRESS,
        /** Every partition ended and holds exactly the rows its marker counts. Publish it. */
        COMPLETE,
        /**
         * Every partition ended and holds at least the rows its marker counts, some more: a source without
         * exactly-once delivery resumed and re-sent rows. Publishable only by a sink that keeps the last row
         * per key.
         */
        DUPLICATES,
        /**
         * Every partition ended, but some holds fewer rows than its marker counts, or the markers disagree:
         * rows were lost, or this consumer did not read the snapshot from its start. Never publish it.
         */
        MISMATCH,
        /** A record of a snapshot that already finished (re-delivered): skip it. */
        ALREADY_FINISHED,
        /** A record of a snapshot older than one of the same table that already finished: skip it. */
        SUPERSEDED
    }

    /**
     * A snapshot's progress as this tracker has seen it.
     *
     * @param partitions N from the markers, 0 while no marker has arrived
     * @param rowsExpected total rows from the markers, -1 while no marker has arrived
     * @param problem what is wrong, for {@link State#MISMATCH} and {@link State#DUPLICATES}; else null
     */
    public record Progress(SnapshotRef snapshot, State state, int partitionsEnded, int partitions,
            long rowsSeen, long rowsExpected, String problem) {

        /** True exactly once per snapshot: when its last partition ended. */
        public boolean finished() {
            return state == State.COMPLETE || state == State.DUPLICATES || state == State.MISMATCH;
        }

        /** The record belongs to a snapshot there is nothing more to do for. */
        public boolean skip() {
            return state == State.ALREADY_FINISHED || state == State.SUPERSEDED;
        }
    }

    /**
     * What one partition of a snapshot delivered so far, to save and {@link #restore}.
     *
     * @param lastOffset the highest offset fed, -1 if none
     * @param marker the partition's end marker, or null if it has not arrived
     */
    public record PartitionTally(SnapshotRef snapshot, int partition, long rowsSeen, long lastOffset,
            Marker marker) {
    }

    private final Map<String, PendingSnapshot> pending = new HashMap<>();
    private final Map<String, SnapshotRef> newestFinished = new HashMap<>();

    /** Feeds any record: its progress if it belongs to a snapshot, else empty. */
    public Optional<Progress> onRecord(int partition, long offset, Headers headers) {
        Optional<Marker> marker = SnapshotBoundary.readMarker(headers);
        if (marker.isPresent()) {
            return Optional.of(onMarker(marker.get(), partition, offset));
        }
        return SnapshotBoundary.readRef(headers).map(snapshot -> onRow(snapshot, partition, offset));
    }

    public Progress onRow(SnapshotRef snapshot, int partition, long offset) {
        Optional<Progress> skipped = skipped(snapshot);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        PendingSnapshot state = pending.computeIfAbsent(snapshot.id(), id -> new PendingSnapshot(snapshot));
        Tally tally = state.tally(partition);
        if (offset > tally.lastOffset) {
            tally.lastOffset = offset;
            if (tally.marker == null) {
                tally.rowsSeen++;
            }
        }
        return state.progress(State.IN_PROGRESS, null);
    }

    public Progress onMarker(Marker marker, int partition, long offset) {
        SnapshotRef snapshot = marker.snapshot();
        Optional<Progress> skipped = skipped(snapshot);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        PendingSnapshot state = pending.computeIfAbsent(snapshot.id(), id -> new PendingSnapshot(snapshot));
        Tally tally = state.tally(partition);
        if (offset > tally.lastOffset) {
            tally.lastOffset = offset;
            if (tally.marker == null) {
                tally.marker = marker;
            }
        }
        return evaluate(state);
    }

    /** Restores a partition's tally saved from {@link #tallies}, e.g. after the sink task restarted. */
    public Progress restore(PartitionTally saved) {
        Optional<Progress> skipped = skipped(saved.snapshot());
        if (skipped.isPresent()) {
            return skipped.get();
        }
        PendingSnapshot state = pending.computeIfAbsent(saved.snapshot().id(),
                id -> new PendingSnapshot(saved.snapshot()));
        Tally tally = state.tally(saved.partition());
        tally.rowsSeen = saved.rowsSeen();
        tally.lastOffset = saved.lastOffset();
        tally.marker = saved.marker();
        return evaluate(state);
    }

    /** Records that a snapshot finished elsewhere (e.g. the sink's table says it was published). */
    public void markFinished(SnapshotRef snapshot) {
        finish(snapshot);
    }

    /** The tallies of a snapshot that has not finished, by partition; empty if there is none. */
    public List<PartitionTally> tallies(String snapshotId) {
        PendingSnapshot state = pending.get(snapshotId);
        List<PartitionTally> tallies = new ArrayList<>();
        if (state != null) {
            state.tallies.forEach((partition, tally) -> tallies.add(new PartitionTally(state.snapshot, partition,
                    tally.rowsSeen, tally.lastOffset, tally.marker)));
        }
        return tallies;
    }

    /** The newest snapshot of a table that finished here, if any. */
    public Optional<SnapshotRef> newestFinished(String table) {
        return Optional.ofNullable(newestFinished.get(table));
    }

    private Optional<Progress> skipped(SnapshotRef snapshot) {
        SnapshotRef finished = newestFinished.get(snapshot.table());
        if (finished == null) {
            return Optional.empty();
        }
        if (finished.id().equals(snapshot.id())) {
            return Optional.of(new Progress(snapshot, State.ALREADY_FINISHED, 0, 0, 0, -1, null));
        }
        if (!snapshot.isNewerThan(finished)) {
            return Optional.of(new Progress(snapshot, State.SUPERSEDED, 0, 0, 0, -1, null));
        }
        return Optional.empty();
    }

    private Progress evaluate(PendingSnapshot state) {
        Marker first = state.firstMarker();
        if (first == null || state.partitionsEnded(first.partitions()) < first.partitions()) {
            return state.progress(State.IN_PROGRESS, null);
        }
        String missing = state.countProblem(first);
        String duplicates = missing == null ? state.duplicates() : null;
        finish(state.snapshot);
        if (missing != null) {
            return state.progress(State.MISMATCH, missing);
        }
        return state.progress(duplicates != null ? State.DUPLICATES : State.COMPLETE, duplicates);
    }

    private void finish(SnapshotRef snapshot) {
        SnapshotRef previous = newestFinished.get(snapshot.table());
        if (previous == null || snapshot.isNewerThan(previous)) {
            newestFinished.put(snapshot.table(), snapshot);
        }
        SnapshotRef newest = newestFinished.get(snapshot.table());
        // Older snapshots of the table can no longer be published: forget them.
        pending.values().removeIf(other -> other.snapshot.table().equals(snapshot.table())
                && !other.snapshot.isNewerThan(newest));
    }

    /** Mutable per-partition counts; only this class sees them. */
    private static final class Tally {
        long rowsSeen;
        long lastOffset = -1;
        Marker marker;
    }

    private static final class PendingSnapshot {
        final SnapshotRef snapshot;
        final Map<Integer, Tally> tallies = new TreeMap<>();

        PendingSnapshot(SnapshotRef snapshot) {
            this.snapshot = snapshot;
        }

        Tally tally(int partition) {
            return tallies.computeIfAbsent(partition, p -> new Tally());
        }

        Marker firstMarker() {
            return tallies.values().stream().map(t -> t.marker).filter(m -> m != null).findFirst().orElse(null);
        }

        int partitionsEnded(int partitions) {
            return (int) tallies.entrySet().stream()
                    .filter(e -> e.getKey() < partitions && e.getValue().marker != null).count();
        }

        /** Why the snapshot cannot be published, or null. */
        String countProblem(Marker first) {
            long sumOfEnds = 0;
            for (Map.Entry<Integer, Tally> entry : tallies.entrySet()) {
                int partition = entry.getKey();
                Tally tally = entry.getValue();
                if (partition >= first.partitions()) {
                    if (tally.rowsSeen > 0 || tally.marker != null) {
                        return "partition " + partition + " holds records of the snapshot, which was spread over "
                                + first.partitions() + " partition(s)";
                    }
                    continue;
                }
                Marker marker = tally.marker;
                if (marker.partitions() != first.partitions() || marker.totalRows() != first.totalRows()) {
                    return "the end markers disagree: partition " + partition + " says " + marker.partitions()
                            + " partition(s) and " + marker.totalRows() + " row(s), another "
                            + first.partitions() + " and " + first.totalRows();
                }
                if (tally.rowsSeen < marker.partitionRows()) {
                    return "partition " + partition + " delivered " + tally.rowsSeen + " row(s), its end marker counts "
                            + marker.partitionRows();
                }
                sumOfEnds += marker.partitionRows();
            }
            if (sumOfEnds != first.totalRows()) {
                return "the end markers count " + sumOfEnds + " row(s) over all partitions but say the snapshot has "
                        + first.totalRows();
            }
            return null;
        }

        /** Which partitions delivered more rows than their marker counts, or null. */
        String duplicates() {
            StringBuilder found = new StringBuilder();
            tallies.forEach((partition, tally) -> {
                if (tally.marker != null && tally.rowsSeen > tally.marker.partitionRows()) {
                    found.append(found.length() == 0 ? "" : ", ").append("partition ").append(partition)
                            .append(" delivered ").append(tally.rowsSeen).append(" row(s) for ")
                            .append(tally.marker.partitionRows());
                }
            });
            return found.length() == 0 ? null : found.toString();
        }

        Progress progress(State state, String problem) {
            Marker first = firstMarker();
            long seen = tallies.values().stream().mapToLong(t -> t.rowsSeen).sum();
            return new Progress(snapshot, state, first == null ? 0 : partitionsEnded(first.partitions()),
                    first == null ? 0 : first.partitions(), seen, first == null ? -1 : first.totalRows(), problem);
        }
    }
}
