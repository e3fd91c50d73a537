/**
 * What a task needs around reading: its tables resolved ({@link io.tributary.connect.jdbc.task.ReadTargets}),
 * their offsets ({@link io.tributary.connect.jdbc.task.TableStates}), which snapshot is next
 * ({@link io.tributary.connect.jdbc.task.SnapshotTurns}, {@link io.tributary.connect.jdbc.task.SnapshotStarter}),
 * one poller per mode, connections with backoff ({@link io.tributary.connect.jdbc.task.DatabaseAccess}),
 * transaction boundaries ({@link io.tributary.connect.jdbc.task.TransactionChunks}) and metrics.
 */
package io.tributary.connect.jdbc.task;
