package io.tributary.connect.jdbc.incremental;

import org.apache.kafka.connect.data.Struct;

/**
 * One row read incrementally.
 *
 * @param key the primary key's columns; null for a table without a key and for custom queries
 * @param value every column
 * @param position the position to store once this row (and every row before it) is delivered. Within a
 *     window (a table read in {@code timestamp} mode without a usable primary key) it is the position before
 *     the window, so that a restart reads the whole window again: the {@code from} of the call. That may
 *     be null (from the beginning: nothing to store) or an inclusive starting point (keep the offset the
 *     read started from)
 * @param endsWindow whether {@code position} is this row's own: a point where a read can stop and resume
 *     without reading a row twice. Always true but inside windows; under exactly-once the task ends
 *     transactions only at such rows
 */
public record IncrementalRow(Struct key, Struct value, IncrementalPosition position, boolean endsWindow) {
}
