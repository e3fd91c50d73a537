package io.tributary.connect.iceberg.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordConverterTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2024, 6, 10, 6, 15, 23, 456_000_000, ZoneOffset.UTC);

    static Stream<Arguments> accepted() {
        Instant at = AT.toInstant();
        return Stream.of(
                Arguments.of(Types.IntegerType.get(), (byte) 7, 7),
                Arguments.of(Types.IntegerType.get(), (short) 7, 7),
                Arguments.of(Types.IntegerType.get(), 7, 7),
                Arguments.of(Types.LongType.get(), (byte) 7, 7L),
                Arguments.of(Types.LongType.get(), 7, 7L),
                Arguments.of(Types.LongType.get(), 7L, 7L),
                Arguments.of(Types.FloatType.get(), 1.5f, 1.5f),
                Arguments.of(Types.FloatType.get(), 3, 3.0f),
                Arguments.of(Types.DoubleType.get(), 1.5f, 1.5d),
                Arguments.of(Types.DoubleType.get(), 1.5d, 1.5d),
                Arguments.of(Types.DoubleType.get(), 1L << 53, (double) (1L << 53)),
                Arguments.of(Types.BooleanType.get(), true, true),
                Arguments.of(Types.StringType.get(), "text", "text"),
                Arguments.of(Types.StringType.get(), new StringBuilder("built"), "built"),
                Arguments.of(Types.BinaryType.get(), new byte[] {1, 2}, ByteBuffer.wrap(new byte[] {1, 2})),
                Arguments.of(Types.BinaryType.get(), ByteBuffer.wrap(new byte[] {3}), ByteBuffer.wrap(new byte[] {3})),
                Arguments.of(Types.FixedType.ofLength(2), new byte[] {1, 2}, new byte[] {1, 2}),
                Arguments.of(Types.DecimalType.of(10, 2), new BigDecimal("1.5"), new BigDecimal("1.50")),
                Arguments.of(Types.DecimalType.of(10, 2), new BigDecimal("1.500"), new BigDecimal("1.50")),
                Arguments.of(Types.DecimalType.of(10, 2), 42L, new BigDecimal("42.00")),
                Arguments.of(Types.DecimalType.of(10, 0), BigInteger.TEN, BigDecimal.TEN),
                Arguments.of(Types.DateType.get(), new Date(19_876L * 86_400_000L), LocalDate.ofEpochDay(19_876)),
                Arguments.of(Types.DateType.get(), 19_876, LocalDate.ofEpochDay(19_876)),
                Arguments.of(Types.DateType.get(), "2024-06-10", LocalDate.of(2024, 6, 10)),
                Arguments.of(Types.TimeType.get(), new Date(45_296_789L), LocalTime.of(12, 34, 56, 789_000_000)),
                Arguments.of(Types.TimeType.get(), 45_296_789L, LocalTime.of(12, 34, 56, 789_000_000)),
                Arguments.of(Types.TimeType.get(), 45_296_789, LocalTime.of(12, 34, 56, 789_000_000)),
                Arguments.of(Types.TimeType.get(), "12:34:56.789", LocalTime.of(12, 34, 56, 789_000_000)),
                Arguments.of(Types.TimestampType.withZone(), Date.from(at), AT),
                Arguments.of(Types.TimestampType.withZone(), at.toEpochMilli(), AT),
                Arguments.of(Types.TimestampType.withZone(), "2024-06-10T06:15:23.456Z", AT),
                Arguments.of(Types.TimestampType.withZone(), "2024-06-10T08:15:23.456+02:00", AT),
                Arguments.of(Types.TimestampType.withZone(), "2024-06-10T06:15:23.456", AT),
                Arguments.of(Types.TimestampType.withZone(), at, AT),
                Arguments.of(Types.TimestampType.withoutZone(), Date.from(at), AT.toLocalDateTime()),
                Arguments.of(Types.TimestampType.withoutZone(), at.toEpochMilli(), AT.toLocalDateTime()),
                Arguments.of(Types.TimestampType.withoutZone(), "2024-06-10T08:15:23.456+02:00", AT.toLocalDateTime()),
                Arguments.of(Types.TimestampType.withoutZone(), "2024-06-10T06:15:23.456", AT.toLocalDateTime()),
                Arguments.of(Types.UUIDType.get(), EveryType.ID, EveryType.ID),
                Arguments.of(Types.UUIDType.get(), EveryType.ID.toString(), EveryType.ID),
                Arguments.of(Types.StringType.get(), EveryType.ID, EveryType.ID.toString()));
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("accepted")
    void convertsValuesToIcebergsGenericTypes(Type type, Object value, Object expected) {
        Object converted = convertOne(type, value);

        assertThat(converted).isEqualTo(expected);
        if (expected != null) {
            assertThat(converted).isInstanceOf(expected.getClass());
        }
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of(Types.IntegerType.get(), "abc"),
                Arguments.of(Types.IntegerType.get(), 7L),
                Arguments.of(Types.LongType.get(), Map.of("k", 1)),
                Arguments.of(Types.LongType.get(), 1.0),
                Arguments.of(Types.FloatType.get(), 1.5d),
                Arguments.of(Types.DoubleType.get(), "1.5"),
                Arguments.of(Types.BooleanType.get(), "true"),
                Arguments.of(Types.StringType.get(), 42L),
                Arguments.of(Types.StringType.get(), List.of("a")),
                Arguments.of(Types.BinaryType.get(), "bytes"),
                Arguments.of(Types.DecimalType.of(10, 2), 1.5d),
                Arguments.of(Types.DateType.get(), 19_876L),
                Arguments.of(Types.TimestampType.withZone(), 1.5d),
                Arguments.of(Types.UUIDType.get(), 42L),
                Arguments.of(Types.StructType.of(optional(9, "x", Types.IntegerType.get())), "struct?"),
                Arguments.of(Types.ListType.ofOptional(9, Types.IntegerType.get()), Map.of()),
                Arguments.of(Types.MapType.ofOptional(9, 10, Types.StringType.get(), Types.IntegerType.get()),
                        List.of()));
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("rejected")
    void rejectsValuesOfTheWrongJavaTypeNamingTypesButNotTheValue(Type type, Object value) {
        assertThatThrownBy(() -> convertOne(type, value))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'column'")
                .hasMessageContaining(ConversionErrors.describe(type))
                .hasMessageContaining(value.getClass().getName())
                .satisfies(e -> assertThat(e.getCause()).isNull());
    }

    @Test
    void errorsNameTheNestedPathAndNeverTheValue() {
        Schema table = new Schema(optional(1, "user", Types.StructType.of(
                optional(2, "address", Types.StructType.of(optional(3, "zip", Types.IntegerType.get()))))));
        Map<String, Object> value = Map.of("user", Map.of("address", Map.of("zip", "SW1A 1AA")));

        assertThatThrownBy(() -> new RecordConverter(table).convert(value))
                .isInstanceOf(DataException.class)
                .hasMessage("Cannot write field 'user.address.zip': expected Iceberg type int but received "
                        + "java.lang.String");
    }

    static Stream<Arguments> unparseable() {
        return Stream.of(
                Arguments.of(Types.DateType.get(), "born 1990-01-02"),
                Arguments.of(Types.TimeType.get(), "noon-ish 12:00"),
                Arguments.of(Types.TimestampType.withZone(), "2024-13-45T99:00:00Z secret"),
                Arguments.of(Types.UUIDType.get(), "not-a-uuid secret"),
                Arguments.of(Types.TimeType.get(), 86_400_000L),
                Arguments.of(Types.DecimalType.of(10, 2), new BigDecimal("1.234")),
                Arguments.of(Types.DecimalType.of(5, 2), new BigDecimal("1234.5")),
                Arguments.of(Types.FloatType.get(), (1 << 24) + 1),
                Arguments.of(Types.DoubleType.get(), Long.MAX_VALUE),
                Arguments.of(Types.DoubleType.get(), (1L << 53) + 1),
                Arguments.of(Types.FixedType.ofLength(4), new byte[] {1, 2}));
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("unparseable")
    void rejectsValuesThatDoNotFitWithoutQuotingThem(Type type, Object value) {
        assertThatThrownBy(() -> convertOne(type, value))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'column'")
                .hasMessageContaining(type.toString())
                .hasMessageNotContaining("secret")
                .hasMessageNotContaining(String.valueOf(value))
                .satisfies(e -> assertThat(e.getCause()).isNull());
    }

    @Test
    void decimalErrorsSayWhetherScaleOrPrecisionIsExceeded() {
        assertThatThrownBy(() -> convertOne(Types.DecimalType.of(10, 2), new BigDecimal("1.234")))
                .hasMessageContaining("more than 2 decimal places and would need rounding");
        assertThatThrownBy(() -> convertOne(Types.DecimalType.of(5, 2), new BigDecimal("1234.5")))
                .hasMessageContaining("more than 5 digits");
        assertThat(convertOne(Types.DecimalType.of(5, 2), new BigDecimal("999.990")))
                .isEqualTo(new BigDecimal("999.99"));
    }

    @Test
    void convertsNestedStructsListsAndMapsFromStructs() {
        Schema table = IcebergSchemas.fromConnect(EveryType.SCHEMA, TimestampMode.TIMESTAMPTZ);

        GenericRecord record = new RecordConverter(table).convert(EveryType.value());

        GenericRecord address = (GenericRecord) record.getField("address");
        assertThat(address.struct()).isSameAs(table.findType("address").asStructType());
        assertThat(address.getField("street")).isEqualTo("Main St");
        assertThat(address.getField("zip")).isEqualTo(12345);
        assertThat(record.getField("tags")).isEqualTo(Arrays.asList("red", null, "blue"));
        List<?> lines = (List<?>) record.getField("lines");
        assertThat(lines).extracting(line -> ((GenericRecord) line).getField("sku")).containsExactly("a-1", "b-2");
        assertThat(record.getField("counts")).isEqualTo(Map.of("a", 1L, "b", 2L));
        Map<?, ?> byId = (Map<?, ?>) record.getField("lines_by_id");
        assertThat(((GenericRecord) byId.get(7)).getField("qty")).isEqualTo(1);
        assertThat(record.getField("id")).isEqualTo(EveryType.ID);
    }

    @Test
    void convertsNestedStructsFromMaps() {
        Schema table = new Schema(
                optional(1, "user", Types.StructType.of(required(2, "name", Types.StringType.get()))),
                optional(3, "items", Types.ListType.ofRequired(4, Types.StructType.of(
                        optional(5, "sku", Types.StringType.get())))));
        Map<String, Object> value = Map.of("user", Map.of("name", "Ada", "ignored", 1),
                "items", List.of(Map.of("sku", "a"), Map.of()));

        GenericRecord record = new RecordConverter(table).convert(value);

        assertThat(((GenericRecord) record.getField("user")).getField("name")).isEqualTo("Ada");
        assertThat((List<?>) record.getField("items")).extracting(item -> ((GenericRecord) item).getField("sku"))
                .containsExactly("a", null);
    }

    @Test
    void returnsRecordsOfTheTableSchema() {
        Schema table = new Schema(optional(1, "a", Types.IntegerType.get()));

        GenericRecord record = new RecordConverter(table).convert(Map.of("a", 1));

        assertThat(record.struct()).isSameAs(table.asStruct());
    }

    @Test
    void missingColumnsAreNullAndExtraFieldsAreIgnored() {
        Schema table = new Schema(
                optional(1, "kept", Types.StringType.get()), optional(2, "absent", Types.LongType.get()));
        org.apache.kafka.connect.data.Schema connect = SchemaBuilder.struct()
                .field("kept", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
                .field("extra", org.apache.kafka.connect.data.Schema.INT32_SCHEMA)
                .build();

        GenericRecord fromStruct = new RecordConverter(table)
                .convert(new Struct(connect).put("kept", "x").put("extra", 1));
        GenericRecord fromMap = new RecordConverter(table).convert(Map.of("kept", "x", "extra", 1));

        assertThat(fromStruct.getField("kept")).isEqualTo("x");
        assertThat(fromStruct.getField("absent")).isNull();
        assertThat(fromMap).isEqualTo(fromStruct);
    }

    @Test
    void aRequiredColumnWithoutValueIsAnError() {
        Schema table = new Schema(optional(1, "user", Types.StructType.of(required(2, "id", Types.LongType.get()))));
        Map<String, Object> nullId = new HashMap<>();
        nullId.put("id", null);

        assertThatThrownBy(() -> new RecordConverter(table).convert(Map.of("user", Map.of())))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'user.id' is required");
        assertThatThrownBy(() -> new RecordConverter(table).convert(Map.of("user", nullId)))
                .hasMessageContaining("'user.id' is required");
    }

    @Test
    void requiredListElementsAndMapValuesMustNotBeNull() {
        Schema table = new Schema(
                optional(1, "list", Types.ListType.ofRequired(2, Types.IntegerType.get())),
                optional(3, "map", Types.MapType.ofRequired(4, 5, Types.StringType.get(), Types.IntegerType.get())));
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("k", null);

        assertThatThrownBy(() -> new RecordConverter(table).convert(Map.of("list", Arrays.asList(1, null))))
                .hasMessageContaining("'list.element' is required");
        assertThatThrownBy(() -> new RecordConverter(table).convert(Map.of("map", nullValue)))
                .hasMessageContaining("'map.value' is required");
    }

    @Test
    void followsTheFieldsOfEachConnectSchemaItMeets() {
        Schema table = new Schema(optional(1, "a", Types.IntegerType.get()), optional(2, "b", Types.StringType.get()));
        org.apache.kafka.connect.data.Schema ab = SchemaBuilder.struct()
                .field("a", org.apache.kafka.connect.data.Schema.INT32_SCHEMA)
                .field("b", org.apache.kafka.connect.data.Schema.STRING_SCHEMA).build();
        org.apache.kafka.connect.data.Schema ba = SchemaBuilder.struct()
                .field("b", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
                .field("a", org.apache.kafka.connect.data.Schema.INT32_SCHEMA).build();
        RecordConverter converter = new RecordConverter(table);

        for (int i = 0; i < 3; i++) {
            assertThat(converter.convert(new Struct(ab).put("a", i).put("b", "ab")).getField("a")).isEqualTo(i);
            GenericRecord record = converter.convert(new Struct(ba).put("b", "ba").put("a", -i));
            assertThat(record.getField("a")).isEqualTo(-i);
            assertThat(record.getField("b")).isEqualTo("ba");
        }
    }

    @Test
    void columnsOfTypesTheSinkDoesNotWriteFailOnlyWhenGivenAValue() {
        Schema table = new Schema(optional(1, "a", Types.IntegerType.get()), optional(2, "v", Types.VariantType.get()));
        RecordConverter converter = new RecordConverter(table);

        assertThat(converter.convert(Map.of("a", 1)).getField("a")).isEqualTo(1);
        assertThatThrownBy(() -> converter.convert(Map.of("v", "x")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'v'")
                .hasMessageContaining("variant");
    }

    @Test
    void rejectsValuesThatAreNeitherStructsNorMaps() {
        RecordConverter converter = new RecordConverter(new Schema(optional(1, "a", Types.IntegerType.get())));

        assertThatThrownBy(() -> converter.convert("plain text"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("java.lang.String")
                .hasMessageNotContaining("plain text");
        assertThatThrownBy(() -> converter.convert(null)).isInstanceOf(DataException.class);
    }

    private static Object convertOne(Type type, Object value) {
        Schema table = new Schema(optional(100, "column", type));
        return new RecordConverter(table).convert(Map.of("column", value)).getField("column");
    }
}
