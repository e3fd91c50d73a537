package io.tributary.connect.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.catalog.TableId;
import java.sql.Types;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** The schema decisions, from column metadata alone. Values are tested against real databases. */
class RowConverterTest {

    private static final TableId ORDERS = TableId.of("shop", "orders");
    private final TypeMapper mapper = new StandardTypeMapper();

    private static JdbcColumn column(String name, int type, int precision, int scale) {
        return new JdbcColumn(name, type, "", precision, scale, true);
    }

    @Test
    void twoColumnsWithOneLabelAreAnErrorAskingForAnAlias() {
        List<JdbcColumn> columns = List.of(column("id", Types.INTEGER, 10, 0), column("id", Types.BIGINT, 19, 0));

        assertThatThrownBy(() -> RowConverter.forColumns(columns, ORDERS, List.of(), mapper,
                TypeMappingOptions.DEFAULTS)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("two columns named 'id'").hasMessageContaining("alias");
    }

    @Test
    void aKeyColumnMissingFromTheResultIsAnError() {
        assertThatThrownBy(() -> RowConverter.forColumns(List.of(column("note", Types.VARCHAR, 10, 0)), ORDERS,
                List.of("id"), mapper, TypeMappingOptions.DEFAULTS)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("Key column 'id' of shop.orders is not in the result");
    }

    @Test
    void noKeyColumnsMeansNoKey() {
        RowConverter converter = RowConverter.forColumns(List.of(column("note", Types.VARCHAR, 10, 0)), ORDERS,
                List.of(), mapper, TypeMappingOptions.DEFAULTS);

        assertThat(converter.keySchema()).isNull();
        assertThat(converter.valueSchema().name()).isEqualTo("tributary.jdbc.shop.orders.Value");
    }

    @Test
    void bestFitCountsNegativeScaleDigitsAsIntegerDigits() {
        // numeric(3,-2) holds multiples of 100 up to 99,900: five integer digits.
        RowConverter converter = RowConverter.forColumns(List.of(column("rounded", Types.NUMERIC, 3, -2),
                column("wide", Types.NUMERIC, 38, 0), column("exact", Types.DECIMAL, 20, 4)), ORDERS, List.of(),
                mapper, TypeMappingOptions.DEFAULTS.withNumericMapping(NumericMapping.BEST_FIT));

        Schema schema = converter.valueSchema();
        assertThat(schema.field("rounded").schema().type()).isEqualTo(Schema.Type.INT32);
        assertThat(schema.field("wide").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(schema.field("exact").schema().parameters()).containsEntry(Decimal.SCALE_FIELD, "4");
    }

    @Test
    void schemaNamesAreValidAvroNames() {
        assertThat(SchemaNames.valueSchemaName(TableId.of("my-shop", "order lines")))
                .isEqualTo("tributary.jdbc.my_shop.order_lines.Value");
        assertThat(SchemaNames.keySchemaName(TableId.of(null, "2024_orders")))
                .isEqualTo("tributary.jdbc._2024_orders.Key");
        assertThat(SchemaNames.valueSchemaName(TableId.of("s", "x\"; DROP TABLE y; --")))
                .isEqualTo("tributary.jdbc.s.x___DROP_TABLE_y____.Value");
    }

    @Test
    void optionsParseConfigValues() {
        assertThat(NumericMapping.parse(" best_fit ")).isEqualTo(NumericMapping.BEST_FIT);
        assertThat(UnsupportedTypes.parse("Skip")).isEqualTo(UnsupportedTypes.SKIP);
        assertThatThrownBy(() -> TypeMappingOptions.DEFAULTS.withUnconstrainedNumericScale(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
