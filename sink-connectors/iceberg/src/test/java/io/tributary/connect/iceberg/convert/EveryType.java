package io.tributary.connect.iceberg.convert;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/** A Connect schema with a field of every type the sink maps, and a value for it; shared by the tests. */
final class EveryType {

    static final Schema ADDRESS = SchemaBuilder.struct().name("Address").optional()
            .field("street", Schema.STRING_SCHEMA)
            .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
            .build();

    static final Schema LINE = SchemaBuilder.struct().name("Line")
            .field("sku", Schema.STRING_SCHEMA)
            .field("qty", Schema.INT32_SCHEMA)
            .build();

    static final Schema SCHEMA = SchemaBuilder.struct().name("Everything")
            .field("i8", Schema.INT8_SCHEMA)
            .field("i16", Schema.OPTIONAL_INT16_SCHEMA)
            .field("i32", Schema.INT32_SCHEMA)
            .field("i64", Schema.INT64_SCHEMA)
            .field("f32", Schema.FLOAT32_SCHEMA)
            .field("f64", Schema.FLOAT64_SCHEMA)
            .field("flag", Schema.BOOLEAN_SCHEMA)
            .field("text", SchemaBuilder.string().optional().doc("free text").build())
            .field("bytes", Schema.BYTES_SCHEMA)
            .field("amount", Decimal.builder(2).parameter(IcebergSchemas.DECIMAL_PRECISION, "10").build())
            .field("wide_amount", Decimal.builder(4).optional().build())
            .field("day", Date.SCHEMA)
            .field("clock", Time.SCHEMA)
            .field("at", Timestamp.SCHEMA)
            .field("id", SchemaBuilder.string().name(IcebergSchemas.DEBEZIUM_UUID).build())
            .field("address", ADDRESS)
            .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())
            .field("lines", SchemaBuilder.array(LINE).optional().build())
            .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build())
            .field("lines_by_id", SchemaBuilder.map(Schema.INT32_SCHEMA, LINE).optional().build())
            .build();

    static final long AT_MILLIS = 1_718_000_123_456L;
    static final int DAYS = 19_876;
    static final int CLOCK_MILLIS = 45_296_789;
    static final UUID ID = UUID.fromString("4d2f9a9e-2c4b-4c43-9a3e-5b8a1f0e7c11");

    private EveryType() {
    }

    static Struct value() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("a", 1L);
        counts.put("b", 2L);
        Map<Integer, Struct> linesById = new LinkedHashMap<>();
        linesById.put(7, line("x-7", 1));
        return new Struct(SCHEMA)
                .put("i8", (byte) -8)
                .put("i16", (short) 1600)
                .put("i32", 32)
                .put("i64", 6_400_000_000L)
                .put("f32", 3.25f)
                .put("f64", 6.4e10)
                .put("flag", true)
                .put("text", "héllo \"world\"")
                .put("bytes", "raw".getBytes(StandardCharsets.UTF_8))
                .put("amount", new BigDecimal("12345678.90"))
                .put("wide_amount", new BigDecimal("-0.0001"))
                .put("day", new java.util.Date(DAYS * 86_400_000L))
                .put("clock", new java.util.Date(CLOCK_MILLIS))
                .put("at", new java.util.Date(AT_MILLIS))
                .put("id", ID.toString())
                .put("address", new Struct(ADDRESS).put("street", "Main St").put("zip", 12345))
                .put("tags", java.util.Arrays.asList("red", null, "blue"))
                .put("lines", List.of(line("a-1", 2), line("b-2", 3)))
                .put("counts", counts)
                .put("lines_by_id", linesById);
    }

    static Struct line(String sku, int qty) {
        return new Struct(LINE).put("sku", sku).put("qty", qty);
    }
}
