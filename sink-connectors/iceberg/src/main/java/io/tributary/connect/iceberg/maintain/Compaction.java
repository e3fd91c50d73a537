package io.tributary.connect.iceberg.maintain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.expressions.UnboundTerm;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.transforms.Transform;
import org.apache.iceberg.util.StructLikeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compaction of the partitions of a table that hold many small data files, in two steps: {@link #prepare}
 * reads each such partition as of one snapshot, deletes applied, and writes its rows into as few files as the
 * target size allows; {@link PartitionRewrite#commit} swaps the files in, and drops the delete files that applied
 * to the old ones: committed no later than the snapshot read, they cannot apply to the new files (whose data
 * sequence number is that snapshot's), nor to anything committed after.
 *
 * <p>The commit is validated from the snapshot the rows were read at and keeps its data sequence number, so
 * it never undoes a concurrent writer's work: if a concurrent commit removed one of the files it replaces, it
 * fails (and deletes what it wrote); equality deletes committed in between carry a higher sequence number than
 * the rewritten rows and still apply to them.
 */
public final class Compaction {

    private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);

    private Compaction() {
    }

    /** One partition's new files, written and waiting to replace the old ones. */
    public static final class PartitionRewrite {
        private final Snapshot start;
        private final List<DataFile> oldFiles;
        private final Collection<DeleteFile> oldDeletes;
        private final List<DataFile> newFiles;

        private PartitionRewrite(Snapshot start, List<DataFile> oldFiles, Collection<DeleteFile> oldDeletes,
                List<DataFile> newFiles) {
            this.start = start;
            this.oldFiles = oldFiles;
            this.oldDeletes = oldDeletes;
            this.newFiles = newFiles;
        }

        public int replaced() {
            return oldFiles.size();
        }

        public int written() {
            return newFiles.size();
        }

        /** @return false when a concurrent commit got in the way; the new files are then deleted */
        public boolean commit(Table table) {
            try {
                RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(start.snapshotId())
                        .dataSequenceNumber(start.sequenceNumber());
                oldFiles.forEach(rewrite::deleteFile);
                oldDeletes.forEach(rewrite::deleteFile);
                newFiles.forEach(rewrite::addFile);
                rewrite.set("tributary.maintenance", "compaction").commit();
                return true;
            } catch (ValidationException | CommitFailedException e) {
                LOG.info("Compaction of a partition of {} gave way to a concurrent commit: {}", table.name(),
                        e.getMessage());
                newFiles.forEach(file -> table.io().deleteFile(file.location()));
                return false;
            } catch (RuntimeException e) {
                newFiles.forEach(file -> table.io().deleteFile(file.location()));
                throw e;
            }
        }
    }

    /**
     * Rewrites every partition of the current spec that holds at least {@code minSmallFiles} files smaller than
     * three quarters of {@code targetFileSize}. All of a partition's files are rewritten, so that reading the
     * partition with deletes applied gives exactly their rows.
     */
    public static List<PartitionRewrite> prepare(Table table, long targetFileSize, int minSmallFiles) {
        table.refresh();
        Snapshot start = table.currentSnapshot();
        if (start == null) {
            return List.of();
        }
        PartitionSpec spec = table.spec();
        long small = targetFileSize * 3 / 4;
        StructLikeMap<List<DataFile>> byPartition = StructLikeMap.create(spec.partitionType());
        StructLikeMap<Map<String, DeleteFile>> deletesByPartition = StructLikeMap.create(spec.partitionType());
        Map<StructLike, Integer> smallFiles = StructLikeMap.create(spec.partitionType());
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(start.snapshotId()).planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile file = task.file();
                if (file.specId() != spec.specId()) {
                    continue;  // files of an older spec: left to a full rewrite with Spark
                }
                byPartition.computeIfAbsent(file.partition(), p -> new ArrayList<>()).add(file);
                Map<String, DeleteFile> deletes = deletesByPartition.computeIfAbsent(file.partition(),
                        p -> new HashMap<>());
                task.deletes().forEach(delete -> deletes.putIfAbsent(delete.location(), delete));
                if (file.fileSizeInBytes() < small) {
                    smallFiles.merge(file.partition(), 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<PartitionRewrite> rewrites = new ArrayList<>();
        for (Map.Entry<StructLike, List<DataFile>> partition : byPartition.entrySet()) {
            Integer smallOnes = smallFiles.get(partition.getKey());
            if (smallOnes != null && smallOnes >= minSmallFiles) {
                List<DataFile> files = partition.getValue();
                rewrites.add(new PartitionRewrite(start, files, deletesByPartition.get(partition.getKey()).values(),
                        write(table, start, files, targetFileSize)));
            }
        }
        return rewrites;
    }

    private static List<DataFile> write(Table table, Snapshot start, List<DataFile> files, long targetFileSize) {
        PartitionSpec spec = table.spec();
        StructLike partition = files.get(0).partition();
        GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET).dataSchema(table.schema()).build();
        OutputFileFactory outputs = OutputFileFactory.builderFor(table, 0, System.currentTimeMillis())
                .format(FileFormat.PARQUET).operationId("compaction-" + UUID.randomUUID()).build();
        FanoutDataWriter<Record> writer = new FanoutDataWriter<>(writers, outputs, table.io(), targetFileSize);
        try {
            try (CloseableIterable<Record> rows = IcebergGenerics.read(table).useSnapshot(start.snapshotId())
                    .where(partitionFilter(spec, partition)).build()) {
                for (Record row : rows) {
                    writer.write(row, spec, partition);
                }
            } finally {
                writer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.result().dataFiles();
    }

    /** A row filter matching exactly the rows of one partition: each partition field's transform of its column. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Expression partitionFilter(PartitionSpec spec, StructLike partition) {
        Expression filter = Expressions.alwaysTrue();
        for (int i = 0; i < spec.fields().size(); i++) {
            PartitionField field = spec.fields().get(i);
            Object value = partition.get(i, Object.class);
            String column = spec.schema().findColumnName(field.sourceId());
            UnboundTerm term = Expressions.transform(column, (Transform) field.transform());
            filter = Expressions.and(filter, value == null ? Expressions.isNull(term) : Expressions.equal(term, value));
        }
        return filter;
    }
}
