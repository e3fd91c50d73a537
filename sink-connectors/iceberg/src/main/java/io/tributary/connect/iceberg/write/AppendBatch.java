package io.tributary.connect.iceberg.write;

import org.apache.iceberg.data.Record;

/** A {@link FileBatch} that appends records: the writer of append mode. */
interface AppendBatch extends FileBatch {

    /** Writes {@code record} (of {@link #schema()}) into the batch's files. */
    void write(Record record);
}
