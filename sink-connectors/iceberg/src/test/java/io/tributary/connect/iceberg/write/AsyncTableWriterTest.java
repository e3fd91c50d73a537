package io.tributary.connect.iceberg.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.iceberg.commit.WrittenFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task's records encoded on its writer thread: all of them, in the files taken, or a lost batch said so. */
class AsyncTableWriterTest {

    private static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "page", Types.StringType.get()));

    @TempDir
    Path dir;
    private Table table;
    private WriterThread thread;

    @BeforeEach
    void createTable() {
        table = new HadoopTables(new Configuration()).create(SCHEMA, PartitionSpec.unpartitioned(),
                dir.resolve("clicks").toUri().toString());
        thread = new WriterThread("test-writer");
    }

    @AfterEach
    void stopThread() {
        thread.close();
    }

    @Test
    void everyRecordWrittenBeforeTakingTheFilesIsInThem() throws IOException {
        AsyncTableWriter writer = writer();
        for (long id = 0; id < 1_000; id++) {  // 3 full chunks and a partial one
            writer.write(record(id));
        }

        WrittenFiles files = writer.takeFiles();

        AppendFiles append = table.newAppend();
        files.data().forEach(append::appendFile);
        append.commit();
        assertThat(files.data().stream().mapToLong(DataFile::recordCount).sum()).isEqualTo(1_000);
        assertThat(ids()).hasSize(1_000).contains(0L, 255L, 256L, 999L);
    }

    @Test
    void aRecordTheWriterThreadCannotEncodeLosesTheBatchAndSaysSo() {
        AsyncTableWriter writer = writer();
        for (long id = 0; id < 300; id++) {
            writer.write(record(id));
        }
        Record bad = GenericRecord.create(SCHEMA);
        bad.set(0, "not a long");  // GenericRecord does not check; Parquet's writer does
        writer.write(bad);
        for (long id = 300; id < 600; id++) {
            writer.write(record(id));
        }

        assertThatThrownBy(writer::takeFiles).isInstanceOf(LostWritesException.class)
                .hasMessageContaining(table.name()).hasMessageContaining("read again");
        assertThatThrownBy(() -> {
            for (int i = 0; i < AsyncTableWriter.CHUNK_RECORDS; i++) {
                writer.write(record(1_000 + i));
            }
        }).as("later writes, until the batch is aborted").isInstanceOf(LostWritesException.class);

        writer.abort();
        AsyncTableWriter next = writer();
        next.write(record(7));
        assertThat(next.takeFiles().data()).as("the thread writes on for the next batch")
                .singleElement().satisfies(file -> assertThat(file.recordCount()).isEqualTo(1));
    }

    @Test
    void aStoppedThreadTakesNoMoreWork() {
        thread.close();

        assertThatThrownBy(() -> thread.submit(() -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopped");
    }

    private AsyncTableWriter writer() {
        return new AsyncTableWriter(new TableWriter(table, SCHEMA, 1, 128L << 20, 10), thread, table.name());
    }

    private static Record record(long id) {
        Record record = GenericRecord.create(SCHEMA);
        record.setField("id", id);
        record.setField("page", "/p/" + id);
        return record;
    }

    private Set<Long> ids() throws IOException {
        Set<Long> ids = new HashSet<>();
        table.refresh();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            rows.forEach(row -> ids.add((Long) row.getField("id")));
        }
        return ids;
    }
}
