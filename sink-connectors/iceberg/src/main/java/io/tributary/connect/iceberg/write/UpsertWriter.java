package io.tributary.connect.iceberg.write;

import io.tributary.connect.iceberg.commit.WrittenFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableUtil;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.DeleteGranularity;
import org.apache.iceberg.io.BaseTaskWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes upserts and deletes of one table until the next commit: new rows into data files, and for each id
 * written either a position delete (when this batch already wrote a row with that id, whose position it knows)
 * or an equality delete (which removes the rows of earlier commits; Iceberg applies it only to data committed
 * before it, never to the rows of its own commit). So within and across commits the last write per id wins.
 *
 * <p>Every partition written in a batch keeps its writer and its map of ids to positions until the batch is
 * taken: closing one early would lose the positions, and an id written again in the same batch would then
 * appear twice. The caller bounds memory by committing when {@link #openPartitions()} grows too large.
 * Format version 3 tables get deletion vectors instead of position delete files.
 */
public final class UpsertWriter implements FileBatch {

    private static final Logger LOG = LoggerFactory.getLogger(UpsertWriter.class);

    private final Table table;
    private final Schema schema;
    private final RowKeys keys;
    private final PartitionSpec spec;
    private final long targetFileSize;
    private final boolean deletionVectors;
    private final OutputFileFactory fileFactory;
    private final GenericFileWriterFactory writerFactory;
    private final PartitionKey rowPartition;
    private final PartitionKey keyPartition;
    private final InternalRecordWrapper rowWrapper;
    private final InternalRecordWrapper keyWrapper;
    private Batch batch;

    public UpsertWriter(Table table, Schema schema, RowKeys keys, int writerId, long targetFileSize) {
        this.table = table;
        this.schema = schema;
        this.keys = keys;
        this.spec = table.spec();
        this.targetFileSize = targetFileSize;
        this.deletionVectors = TableUtil.formatVersion(table) >= 3;
        this.fileFactory = OutputFileFactory.builderFor(table, writerId, System.currentTimeMillis())
                .format(FileFormat.PARQUET).build();
        int[] equalityIds = keys.keySchema().columns().stream().mapToInt(column -> column.fieldId()).toArray();
        this.writerFactory = new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET).dataSchema(schema)
                .deleteFileFormat(FileFormat.PARQUET)
                .equalityFieldIds(equalityIds).equalityDeleteRowSchema(keys.keySchema())
                .build();
        boolean partitioned = !spec.isUnpartitioned();
        this.rowPartition = partitioned ? new PartitionKey(spec, schema) : null;
        // Deletes carry only the id, so they can be partitioned only when every partition column is in it.
        boolean keyHoldsPartition = spec.fields().stream()
                .allMatch(field -> keys.keySchema().findField(field.sourceId()) != null);
        this.keyPartition = partitioned && keyHoldsPartition ? new PartitionKey(spec, keys.keySchema()) : null;
        this.rowWrapper = partitioned ? new InternalRecordWrapper(schema.asStruct()) : null;
        this.keyWrapper = keyPartition != null ? new InternalRecordWrapper(keys.keySchema().asStruct()) : null;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    public RowKeys keys() {
        return keys;
    }

    /** Replaces the row with {@code key} (the row's own id) by {@code row}. */
    public void upsert(Record row, Record key) {
        try {
            Batch.PartitionDelta writer = batch().writerFor(rowPartition == null ? null : partition(rowPartition,
                    rowWrapper.wrap(row)));
            writer.deleteKey(key);
            writer.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds {@code row} as a new row. Its id is remembered like an upsert's, so a later upsert of the id in the
     * same batch replaces it; a second row with the same id in one batch replaces the first too.
     */
    public void append(Record row) {
        try {
            batch().writerFor(rowPartition == null ? null : partition(rowPartition, rowWrapper.wrap(row))).write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the row with {@code key}, if any. */
    public void delete(Record key) {
        if (rowPartition != null && keyPartition == null) {
            throw new IllegalStateException("Cannot delete by id from " + table.name()
                    + ": it is partitioned by columns outside the id");
        }
        try {
            batch().writerFor(keyPartition == null ? null : partition(keyPartition, keyWrapper.wrap(key)))
                    .deleteKey(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Partitions written in this batch, each holding open files and a map of ids. */
    public int openPartitions() {
        return batch == null ? 0 : batch.writers.size();
    }

    @Override
    public WrittenFiles takeFiles() {
        if (batch == null) {
            return WrittenFiles.NONE;
        }
        Batch closing = batch;
        batch = null;
        try {
            WriteResult result = closing.complete();
            return new WrittenFiles(List.of(result.dataFiles()), List.of(result.deleteFiles()));
        } catch (IOException | RuntimeException e) {
            abort(closing);
            throw new LostWritesException("Could not finish the data and delete files of " + table.name()
                    + "; the records written to them will be read again", e);
        }
    }

    @Override
    public void abort() {
        if (batch != null) {
            abort(batch);
            batch = null;
        }
    }

    private void abort(Batch closing) {
        try {
            closing.abort();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete the files of an aborted batch of {}; orphan-file "
                    + "removal will", table.name(), e);
        }
    }

    private static PartitionKey partition(PartitionKey partitionKey, StructLike wrapped) {
        partitionKey.partition(wrapped);
        return partitionKey;
    }

    private Batch batch() {
        if (batch == null) {
            batch = new Batch();
        }
        return batch;
    }

    /** One batch's writers, one per partition. */
    private final class Batch extends BaseTaskWriter<Record> {
        private final Map<PartitionKey, PartitionDelta> writers = new HashMap<>();
        private PartitionDelta unpartitioned;

        Batch() {
            super(spec, FileFormat.PARQUET, writerFactory, fileFactory, table.io(), targetFileSize, deletionVectors);
        }

        PartitionDelta writerFor(PartitionKey partition) {
            if (partition == null) {
                if (unpartitioned == null) {
                    unpartitioned = new PartitionDelta(null);
                    writers.put(null, unpartitioned);
                }
                return unpartitioned;
            }
            PartitionDelta writer = writers.get(partition);
            if (writer == null) {
                PartitionKey copy = partition.copy();
                writer = new PartitionDelta(copy);
                writers.put(copy, writer);
            }
            return writer;
        }

        @Override
        public void write(Record row) {
            throw new UnsupportedOperationException("use upsert or delete");
        }

        @Override
        public void close() throws IOException {
            try {
                for (PartitionDelta writer : writers.values()) {
                    writer.close();
                }
                writers.clear();
                unpartitioned = null;
            } finally {
                super.close();
            }
        }

        private final class PartitionDelta extends BaseEqualityDeltaWriter {
            private final InternalRecordWrapper rows = new InternalRecordWrapper(schema.asStruct());
            private final InternalRecordWrapper ids = new InternalRecordWrapper(keys.keySchema().asStruct());

            PartitionDelta(StructLike partition) {
                super(partition, schema, keys.keySchema(), DeleteGranularity.FILE,
                        dvFileWriter());
            }

            @Override
            protected StructLike asStructLike(Record row) {
                return rows.wrap(row);
            }

            @Override
            protected StructLike asStructLikeKey(Record key) {
                return ids.wrap(key);
            }
        }
    }
}
