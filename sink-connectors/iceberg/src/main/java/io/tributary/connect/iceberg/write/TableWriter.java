package io.tributary.connect.iceberg.write;

import io.tributary.connect.iceberg.commit.DiscardedFiles;
import io.tributary.connect.iceberg.commit.WrittenFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.util.StructLikeSet;

/**
 * Writes records of one table into Parquet data files, one open file per partition, rolling at the target
 * size. Files are only written here; {@link io.tributary.connect.iceberg.commit.FencedCommitter} makes them
 * part of the table.
 */
public final class TableWriter implements AppendBatch {

    private final Table table;
    private final Schema schema;
    private final PartitionSpec spec;
    private final long targetFileSize;
    private final OutputFileFactory fileFactory;
    private final GenericFileWriterFactory writerFactory;
    private final PartitionKey partitionKey;
    private final InternalRecordWrapper wrapper;
    private final List<DataFile> completed = new ArrayList<>();
    private final int maxOpenFiles;
    private final StructLikeSet openPartitions;
    private FanoutDataWriter<Record> writer;

    /**
     * @param writerId     distinguishes this task's file names from other tasks' (Iceberg adds a random
     *                     operation id, so restarts never reuse a name either)
     * @param maxOpenFiles how many partitions may have an open file at once; every open Parquet file holds a
     *                     row group in memory, so past this the open files are closed (and wait for the next
     *                     commit) before another is opened — small files, but bounded memory
     */
    public TableWriter(Table table, Schema schema, int writerId, long targetFileSize, int maxOpenFiles) {
        this(table, schema, writerId, targetFileSize, maxOpenFiles, null);
    }

    /** @param fileTag part of every file name written here, e.g. the source snapshot the rows belong to; may be null */
    public TableWriter(Table table, Schema schema, int writerId, long targetFileSize, int maxOpenFiles,
            String fileTag) {
        this.table = table;
        this.schema = schema;
        this.spec = table.spec();
        this.targetFileSize = targetFileSize;
        this.maxOpenFiles = maxOpenFiles;
        this.openPartitions = StructLikeSet.create(spec.partitionType());
        OutputFileFactory.Builder files = OutputFileFactory.builderFor(table, writerId, System.currentTimeMillis())
                .format(FileFormat.PARQUET);
        if (fileTag != null) {
            files.operationId(fileTag + "-" + UUID.randomUUID());
        }
        this.fileFactory = files.build();
        this.writerFactory = new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET).dataSchema(schema).build();
        this.partitionKey = spec.isUnpartitioned() ? null : new PartitionKey(spec, schema);
        this.wrapper = spec.isUnpartitioned() ? null : new InternalRecordWrapper(schema.asStruct());
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public void write(Record record) {
        if (writer == null) {
            writer = new FanoutDataWriter<>(writerFactory, fileFactory, table.io(), targetFileSize);
        }
        if (partitionKey == null) {
            writer.write(record, spec, null);
            return;
        }
        partitionKey.partition(wrapper.wrap(record));
        if (!openPartitions.contains(partitionKey)) {
            if (openPartitions.size() >= maxOpenFiles) {
                closeOpenFiles();
                writer = new FanoutDataWriter<>(writerFactory, fileFactory, table.io(), targetFileSize);
            }
            openPartitions.add(partitionKey.copy());
        }
        writer.write(record, spec, partitionKey);
    }

    /**
     * Closes the open files; they wait for the next {@link #takeFiles()}.
     *
     * @throws LostWritesException when a file could not be finished: what was written to the open files is lost,
     *                             and this writer starts afresh
     */
    public void closeOpenFiles() {
        if (writer == null) {
            return;
        }
        FanoutDataWriter<Record> closing = writer;
        writer = null;
        openPartitions.clear();
        try {
            closing.close();
        } catch (IOException | RuntimeException e) {
            throw new LostWritesException("Could not finish the data files of " + table.name()
                    + "; the records written to them will be read again", e);
        }
        completed.addAll(closing.result().dataFiles());
    }

    @Override
    public WrittenFiles takeFiles() {
        closeOpenFiles();
        WrittenFiles files = WrittenFiles.ofData(completed);
        completed.clear();
        return files;
    }

    @Override
    public void abort() {
        WrittenFiles files;
        try {
            files = takeFiles();
        } catch (RuntimeException e) {
            writer = null;
            completed.clear();
            return;  // the files are orphans now; orphan-file removal deletes them
        }
        DiscardedFiles.delete(table.io(), files.all());
    }
}
