package io.tributary.connect.iceberg.write;

import io.tributary.connect.iceberg.commit.WrittenFiles;
import org.apache.iceberg.Schema;

/** Writes one table's records into files until they are taken for a commit. */
public interface FileBatch {

    /** The schema records must have: the table's when this writer was made. */
    Schema schema();

    /**
     * Every file written since the last call, all closed; the writer starts afresh.
     *
     * @throws LostWritesException when a file could not be finished: what was written since the last call is
     *                             lost, to be read again
     */
    WrittenFiles takeFiles();

    /** Drops everything written and not yet taken, deleting the files where it can. */
    void abort();
}
