package io.tributary.connect.jdbc.offsets;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * An operator's request to snapshot a table again, now, whatever its schedule: the offset
 * {@code {"resnapshot": "<token>"}}. A snapshot in progress is abandoned (the sink discards it) and a new one
 * starts. The token is free text (a ticket number, a date); the snapshot it starts carries it in its offset,
 * so {@code GET /connectors/<name>/offsets} shows which request a snapshot answered.
 */
public record ResnapshotRequest(String token) implements StoredOffset {

    @Override
    public ResnapshotRequest requireMode(OffsetMode expected, TablePartition partition) {
        if (expected != OffsetMode.SNAPSHOT) {
            throw new ConnectException("Offset of " + partition + ": {\"" + RESNAPSHOT + "\": ...} applies to tables "
                    + "read in snapshot mode, but this one is read in mode '" + expected + "'. Give null to read it "
                    + "again from its initial position, or " + StartFrom.formsFor(expected) + " to read it from there.");
        }
        return this;
    }
}
