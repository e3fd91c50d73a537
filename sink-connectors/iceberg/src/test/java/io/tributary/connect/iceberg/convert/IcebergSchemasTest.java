package io.tributary.connect.iceberg.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IcebergSchemasTest {

    private static final Schema EVERYTHING = IcebergSchemas.fromConnect(EveryType.SCHEMA, TimestampMode.TIMESTAMPTZ);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "i8, int", "i16, int", "i32, int", "i64, long", "f32, float", "f64, double", "flag, boolean",
        "text, string", "bytes, binary", "amount, 'decimal(10, 2)'", "wide_amount, 'decimal(38, 4)'",
        "day, date", "clock, time", "at, timestamptz", "id, uuid",
        "tags, list<string>", "counts, 'map<string, long>'",
        "address.street, string", "address.zip, int",
        "lines.element.sku, string", "lines.element.qty, int",
        "lines_by_id.key, int", "lines_by_id.value.qty, int"
    })
    void mapsEveryConnectTypeToItsIcebergType(String path, String icebergType) {
        assertThat(EVERYTHING.findType(path)).hasToString(icebergType);
    }

    @Test
    void nestsStructsListsAndMaps() {
        assertThat(EVERYTHING.findType("address").isStructType()).isTrue();
        assertThat(EVERYTHING.findType("lines").isListType()).isTrue();
        assertThat(EVERYTHING.findType("lines.element").isStructType()).isTrue();
        assertThat(EVERYTHING.findType("lines_by_id").isMapType()).isTrue();
        assertThat(EVERYTHING.findType("lines_by_id.value").isStructType()).isTrue();
    }

    @ParameterizedTest(name = "{0} optional: {1}")
    @CsvSource({
        "i8, false", "i16, true", "text, true", "wide_amount, true", "address, true", "address.street, false",
        "address.zip, true", "lines, true", "lines.element, false", "tags.element, true", "counts.value, false",
        "lines_by_id, true"
    })
    void optionalConnectSchemasGiveOptionalFields(String path, boolean optional) {
        assertThat(EVERYTHING.findField(path).isOptional()).isEqualTo(optional);
    }

    @Test
    void keepsFieldOrderAndDocs() {
        assertThat(EVERYTHING.columns()).extracting(Types.NestedField::name)
                .containsExactlyElementsOf(EveryType.SCHEMA.fields().stream().map(f -> f.name()).toList());
        assertThat(EVERYTHING.findField("text").doc()).isEqualTo("free text");
        assertThat(EVERYTHING.findField("i8").doc()).isNull();
    }

    @Test
    void assignsUniqueIds() {
        Set<Integer> ids = new HashSet<>();
        TypeUtil.indexById(EVERYTHING.asStruct()).keySet().forEach(id -> assertThat(ids.add(id)).isTrue());
        assertThat(ids).hasSize(TypeUtil.indexById(EVERYTHING.asStruct()).size()).doesNotContain(0);
    }

    @Test
    void timestampModeChoosesTheTimestampType() {
        Schema local = IcebergSchemas.fromConnect(EveryType.SCHEMA, TimestampMode.TIMESTAMP);

        assertThat(local.findType("at")).isEqualTo(Types.TimestampType.withoutZone());
        assertThat(EVERYTHING.findType("at")).isEqualTo(Types.TimestampType.withZone());
    }

    @Test
    void logicalNamesOnOtherPhysicalTypesAreIgnored() {
        org.apache.kafka.connect.data.Schema odd = SchemaBuilder.struct()
                .field("uuid_as_bytes", SchemaBuilder.bytes().name(IcebergSchemas.DEBEZIUM_UUID).build())
                .field("date_as_long", SchemaBuilder.int64().name(org.apache.kafka.connect.data.Date.LOGICAL_NAME))
                .build();

        Schema schema = IcebergSchemas.fromConnect(odd, TimestampMode.TIMESTAMPTZ);

        assertThat(schema.findType("uuid_as_bytes")).isEqualTo(Types.BinaryType.get());
        assertThat(schema.findType("date_as_long")).isEqualTo(Types.LongType.get());
    }

    @Test
    void rejectsAValueSchemaThatIsNotAStruct() {
        assertThatThrownBy(() -> IcebergSchemas.fromConnect(SchemaBuilder.string().build(), TimestampMode.TIMESTAMPTZ))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STRUCT value schema")
                .hasMessageContaining("STRING");
        assertThatThrownBy(() -> IcebergSchemas.fromConnect(null, TimestampMode.TIMESTAMPTZ))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inferFromMap");
    }

    @Test
    void rejectsMapKeysThatAreNotPrimitive() {
        org.apache.kafka.connect.data.Schema keyedByStruct = SchemaBuilder.struct()
                .field("outer", SchemaBuilder.struct()
                        .field("index", SchemaBuilder.map(EveryType.LINE,
                                org.apache.kafka.connect.data.Schema.INT32_SCHEMA)))
                .build();

        assertThatThrownBy(() -> IcebergSchemas.fromConnect(keyedByStruct, TimestampMode.TIMESTAMPTZ))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'outer.index'")
                .hasMessageContaining("STRUCT");
    }

    @Test
    void rejectsDecimalsWiderThanIcebergAllows() {
        org.apache.kafka.connect.data.Schema tooWide = SchemaBuilder.struct()
                .field("big", Decimal.builder(2).parameter(IcebergSchemas.DECIMAL_PRECISION, "40").build())
                .build();

        assertThatThrownBy(() -> IcebergSchemas.fromConnect(tooWide, TimestampMode.TIMESTAMPTZ))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'big'")
                .hasMessageContaining("decimal(40, 2)");
    }

    @Test
    void anEmptyStructGivesAnEmptySchema() {
        Schema schema = IcebergSchemas.fromConnect(SchemaBuilder.struct().build(), TimestampMode.TIMESTAMPTZ);

        assertThat(schema.columns()).isEmpty();
    }
}
