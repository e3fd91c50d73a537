/**
 * Reading one snapshot of one table: a consistent read streamed in key order
 * ({@link io.tributary.connect.jdbc.snapshot.SnapshotCursor}), turned into stamped records with the offset after
 * each row and the end markers ({@link io.tributary.connect.jdbc.snapshot.SnapshotRun}). Resuming is opening
 * a cursor after the stored last key.
 */
package io.tributary.connect.jdbc.snapshot;
