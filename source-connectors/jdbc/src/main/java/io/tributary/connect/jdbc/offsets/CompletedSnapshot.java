package io.tributary.connect.jdbc.offsets;

import java.time.Instant;

/**
 * The last snapshot of a table that finished: never sent again after a restart, and the start from which the
 * schedule times the next one.
 *
 * @param resnapshotToken the operator request that started it, or null if the schedule did
 */
public record CompletedSnapshot(String id, Instant started, long rows, String resnapshotToken) {
}
