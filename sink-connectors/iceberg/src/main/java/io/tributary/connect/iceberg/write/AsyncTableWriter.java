package io.tributary.connect.iceberg.write;

import io.tributary.connect.iceberg.commit.WrittenFiles;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;

/**
 * A {@link TableWriter} fed from the task thread and run on the task's {@link WriterThread}: records go over in
 * chunks, and the writer is touched by one thread at a time — the writer thread between barriers, the task
 * thread after {@link WriterThread#drain()} in {@link #takeFiles()} and {@link #abort()}. Taking the files
 * therefore sees every record written before, exactly as if the task had written them itself, and the commit
 * protocol is unchanged.
 *
 * <p>A write that fails on the writer thread fails every later write and the next {@link #takeFiles()} with a
 * {@link LostWritesException}: the records since the last commit are read again, as with a file that could not
 * be finished.
 */
final class AsyncTableWriter implements AppendBatch {

    static final int CHUNK_RECORDS = 256;

    private final TableWriter writer;
    private final WriterThread thread;
    private final String table;
    private List<Record> filling = new ArrayList<>(CHUNK_RECORDS);
    /** Set by the writer thread, read by the task thread. */
    private volatile RuntimeException failure;

    AsyncTableWriter(TableWriter writer, WriterThread thread, String table) {
        this.writer = writer;
        this.thread = thread;
        this.table = table;
    }

    @Override
    public Schema schema() {
        return writer.schema();
    }

    @Override
    public void write(Record record) {
        filling.add(record);
        if (filling.size() == CHUNK_RECORDS) {
            handOver();
        }
    }

    private void handOver() {
        if (failure != null) {
            throw lost();
        }
        List<Record> chunk = filling;
        filling = new ArrayList<>(CHUNK_RECORDS);
        thread.submit(() -> {
            if (failure != null) {
                return;  // the files are lost already; the records will be read again
            }
            try {
                for (Record record : chunk) {
                    writer.write(record);
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        });
    }

    @Override
    public WrittenFiles takeFiles() {
        if (!filling.isEmpty()) {
            handOver();
        }
        thread.drain();
        if (failure != null) {
            throw lost();
        }
        return writer.takeFiles();
    }

    @Override
    public void abort() {
        filling.clear();
        thread.drain();
        failure = null;
        writer.abort();
    }

    private LostWritesException lost() {
        RuntimeException cause = failure;
        return cause instanceof LostWritesException lost ? lost : new LostWritesException("Could not write the data "
                + "files of " + table + "; the records written since the last commit will be read again", cause);
    }
}
