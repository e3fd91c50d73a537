package io.tributary.bench.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;

/**
 * The ceiling: Iceberg's own generic Parquet writer in this JVM — the same writer classes a sink uses, with
 * no Kafka, no Connect and no per-record bookkeeping — writing the records of each Kafka partition and
 * committing them in one append.
 */
final class RawParquetWriter {

    private static final long TARGET_FILE_SIZE = 128L << 20;

    private RawParquetWriter() {
    }

    /**
     * The values as the sinks receive them: parsed by Kafka's schemaless JsonConverter, split by the
     * partition the producer sends them to ({@code i % partitions}).
     */
    static List<List<Map<?, ?>>> parse(byte[][] values, int partitions) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, false), false);
        List<List<Map<?, ?>>> byPartition = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            byPartition.add(new ArrayList<>(values.length / partitions + 1));
        }
        for (int i = 0; i < values.length; i++) {
            byPartition.get(i % partitions).add((Map<?, ?>) converter.toConnectData("clicks", values[i]).value());
        }
        return byPartition;
    }

    /** An unpartitioned table of the clicks' schema, with the properties Tributary's sink gives its tables. */
    static Table createTable(Catalog catalog, TableIdentifier id) {
        return catalog.buildTable(id, ClickRecords.schema())
                .withPartitionSpec(PartitionSpec.unpartitioned())
                .withProperties(Map.of("format-version", "2", "write.parquet.compression-codec", "zstd"))
                .create();
    }

    /**
     * Writes every partition's records, partition {@code p} by writer {@code p % writers}, each writer on its
     * own thread with its own files, then commits all files in one append.
     */
    static void write(Table table, List<List<Map<?, ?>>> partitions, int writers) {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<DataFile>>> written = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                List<List<Map<?, ?>>> mine = new ArrayList<>();
                for (int p = writer; p < partitions.size(); p += writers) {
                    mine.add(partitions.get(p));
                }
                written.add(pool.submit(() -> writeFiles(table, writer, mine)));
            }
            AppendFiles append = table.newAppend();
            for (Future<List<DataFile>> files : written) {
                files.get().forEach(append::appendFile);
            }
            append.commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing " + table.name(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not write " + table.name(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<DataFile> writeFiles(Table table, int writerId, List<List<Map<?, ?>>> partitions)
            throws IOException {
        Schema schema = table.schema();
        String[] columns = schema.columns().stream().map(column -> column.name()).toArray(String[]::new);
        OutputFileFactory files = OutputFileFactory.builderFor(table, writerId, System.currentTimeMillis())
                .format(FileFormat.PARQUET).build();
        GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET).dataSchema(schema).build();
        FanoutDataWriter<Record> writer = new FanoutDataWriter<>(writers, files, table.io(), TARGET_FILE_SIZE);
        try (writer) {
            for (List<Map<?, ?>> partition : partitions) {
                for (Map<?, ?> value : partition) {
                    GenericRecord record = GenericRecord.create(schema);
                    for (int c = 0; c < columns.length; c++) {
                        record.set(c, value.get(columns[c]));
                    }
                    writer.write(record, table.spec(), null);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return writer.result().dataFiles();
    }
}
