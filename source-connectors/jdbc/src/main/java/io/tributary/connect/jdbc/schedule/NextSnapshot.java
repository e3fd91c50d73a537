package io.tributary.connect.jdbc.schedule;

import io.tributary.connect.jdbc.offsets.ResnapshotRequest;
import io.tributary.connect.jdbc.offsets.SnapshotProgress;
import io.tributary.connect.jdbc.offsets.StartFrom;
import io.tributary.connect.jdbc.offsets.StoredOffset;
import io.tributary.connect.jdbc.offsets.TableOffset;
import java.time.Instant;
import java.util.Optional;

/**
 * What a task does next about a snapshot-mode table, from what the offset store holds and the schedule. The
 * one place where the schedule, resuming and operator requests meet:
 * <ul>
 *   <li>a snapshot in progress is resumed after its last key, whatever the schedule ({@link Action#RESUME});
 *       one that cannot be resumed (no primary key) starts again under a new id;</li>
 *   <li>no offset (never read, or reset) or a {@code resnapshot} request: a new snapshot now;</li>
 *   <li>otherwise the schedule decides from the last completed snapshot's start, so a completed snapshot is
 *       never sent again after a restart.</li>
 * </ul>
 *
 * @param at when to start: now for {@link Action#START} and {@link Action#RESUME}, later for
 *           {@link Action#WAIT}, null for {@link Action#NEVER}
 * @param resnapshotToken the operator request a new snapshot answers, or null
 */
public record NextSnapshot(Action action, Instant at, String resnapshotToken) {

    /** The possible decisions. */
    public enum Action {
        /** Go on with the snapshot in progress. */
        RESUME,
        /** Begin a new snapshot now. */
        START,
        /** Nothing until {@link #at}. */
        WAIT,
        /** Nothing unless an operator requests a snapshot ({@code once} has run). */
        NEVER
    }

    /**
     * @param stored what {@link StoredOffset#parse} read for the table, already checked for snapshot mode
     */
    public static NextSnapshot decide(Optional<StoredOffset> stored, SnapshotSchedule schedule, Instant now) {
        if (stored.isEmpty()) {
            return new NextSnapshot(Action.START, now, null);
        }
        StoredOffset offset = stored.get();
        if (offset instanceof ResnapshotRequest request) {
            return new NextSnapshot(Action.START, now, request.token());
        }
        if (offset instanceof StartFrom) {
            throw new IllegalArgumentException("an incremental start position is no snapshot-mode offset");
        }
        TableOffset table = (TableOffset) offset;
        Optional<SnapshotProgress> inProgress = table.snapshot();
        if (inProgress.isPresent()) {
            return inProgress.get().resumable()
                    ? new NextSnapshot(Action.RESUME, now, inProgress.get().resnapshotToken().orElse(null))
                    : new NextSnapshot(Action.START, now, inProgress.get().resnapshotToken().orElse(null));
        }
        Instant lastStart = table.lastCompleted().map(completed -> completed.started()).orElse(null);
        return schedule.nextAfter(lastStart, now)
                .map(due -> due.isAfter(now) ? new NextSnapshot(Action.WAIT, due, null)
                        : new NextSnapshot(Action.START, now, null))
                .orElse(new NextSnapshot(Action.NEVER, null, null));
    }
}
