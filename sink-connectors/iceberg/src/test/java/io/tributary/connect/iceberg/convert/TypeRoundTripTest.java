package io.tributary.connect.iceberg.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriteResult;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that what the converter produces is what Iceberg's generic Parquet writer stores and its reader
 * gives back, for every type the sink writes: a table made from a Connect schema, records converted from
 * Connect structs, written to Parquet, committed, and read again.
 */
class TypeRoundTripTest {

    /** Connect fields for the two column types a Connect schema alone does not produce. */
    private static final org.apache.kafka.connect.data.Schema SCHEMA = withExtras(EveryType.SCHEMA);

    @Test
    void everyTypeReadsBackAsWritten(@TempDir Path dir) throws IOException {
        Table table = createTable(dir);
        RecordConverter converter = new RecordConverter(table.schema());
        List<GenericRecord> written = List.of(converter.convert(full()), converter.convert(sparse()));

        append(table, written);
        List<Record> read = readAll(table);

        assertThat(read).hasSize(2);
        for (int row = 0; row < written.size(); row++) {
            for (Types.NestedField column : table.schema().columns()) {
                assertThat(read.get(row).getField(column.name()))
                        .as("row %d, column %s", row, column.name())
                        .isEqualTo(written.get(row).getField(column.name()));
            }
        }
    }

    @Test
    void writtenValuesAreTheOnesTheProducerMeant(@TempDir Path dir) throws IOException {
        Table table = createTable(dir);
        append(table, List.of(new RecordConverter(table.schema()).convert(full())));

        Record row = readAll(table).get(0);

        assertThat(row.getField("i8")).isEqualTo(-8);
        assertThat(row.getField("i64")).isEqualTo(6_400_000_000L);
        assertThat(row.getField("f32")).isEqualTo(3.25f);
        assertThat(row.getField("bytes")).isEqualTo(ByteBuffer.wrap("raw".getBytes()));
        assertThat(row.getField("amount")).isEqualTo(new BigDecimal("12345678.90"));
        assertThat(row.getField("wide_amount")).isEqualTo(new BigDecimal("-0.0001"));
        assertThat(row.getField("day")).isEqualTo(LocalDate.ofEpochDay(EveryType.DAYS));
        assertThat(row.getField("clock")).isEqualTo(LocalTime.of(12, 34, 56, 789_000_000));
        assertThat(row.getField("at")).isEqualTo(OffsetDateTime.of(2024, 6, 10, 6, 15, 23, 456_000_000,
                ZoneOffset.UTC));
        assertThat(row.getField("at_local")).isEqualTo(LocalDateTime.of(2024, 6, 10, 6, 15, 23, 456_000_000));
        assertThat(row.getField("id")).isEqualTo(EveryType.ID);
        assertThat(row.getField("digest")).isEqualTo(new byte[] {1, 2, 3, 4});
        assertThat(((Record) row.getField("address")).getField("zip")).isEqualTo(12345);
        assertThat(row.getField("counts")).isEqualTo(Map.of("a", 1L, "b", 2L));
    }

    private static Table createTable(Path dir) {
        HadoopCatalog catalog = new HadoopCatalog(new Configuration(), "file:" + dir);
        Schema schema = IcebergSchemas.fromConnect(EveryType.SCHEMA, TimestampMode.TIMESTAMPTZ);
        Table table = catalog.createTable(TableIdentifier.of("db", "every_type"), schema,
                PartitionSpec.unpartitioned());
        table.updateSchema()
                .addColumn("at_local", Types.TimestampType.withoutZone())
                .addColumn("digest", Types.FixedType.ofLength(4))
                .commit();
        return table;
    }

    private static void append(Table table, List<GenericRecord> records) throws IOException {
        GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET)
                .dataSchema(table.schema())
                .build();
        OutputFileFactory files = OutputFileFactory.builderFor(table, 1, 1).format(FileFormat.PARQUET).build();
        FanoutDataWriter<Record> writer = new FanoutDataWriter<>(writers, files, table.io(), 128L << 20);
        try (writer) {
            for (GenericRecord record : records) {
                writer.write(record, table.spec(), null);
            }
        }
        DataWriteResult result = writer.result();
        AppendFiles append = table.newAppend();
        result.dataFiles().forEach(append::appendFile);
        append.commit();
    }

    private static List<Record> readAll(Table table) throws IOException {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> scan = IcebergGenerics.read(table).build()) {
            scan.forEach(row -> rows.add(row.copy()));
        }
        rows.sort((a, b) -> Integer.compare((Integer) a.getField("i32"), (Integer) b.getField("i32")));
        return rows;
    }

    private static Struct full() {
        Struct everything = EveryType.value();
        Struct value = new Struct(SCHEMA);
        for (org.apache.kafka.connect.data.Field field : EveryType.SCHEMA.fields()) {
            value.put(field.name(), everything.get(field));
        }
        return value.put("at_local", everything.get("at")).put("digest", new byte[] {1, 2, 3, 4});
    }

    /** Only the required fields, so that every optional column is written and read as null. */
    private static Struct sparse() {
        Struct value = full();
        for (org.apache.kafka.connect.data.Field field : SCHEMA.fields()) {
            if (field.schema().isOptional()) {
                value.put(field, null);
            }
        }
        return value.put("i32", 33).put("tags", List.of()).put("counts", Map.of());
    }

    private static org.apache.kafka.connect.data.Schema withExtras(org.apache.kafka.connect.data.Schema base) {
        SchemaBuilder builder = SchemaBuilder.struct().name(base.name());
        base.fields().forEach(field -> builder.field(field.name(), field.schema()));
        return builder
                .field("at_local", Timestamp.builder().optional().build())
                .field("digest", SchemaBuilder.bytes().optional().build())
                .build();
    }
}
