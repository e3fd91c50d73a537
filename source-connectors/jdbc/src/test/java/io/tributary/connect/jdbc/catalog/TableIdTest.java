package io.tributary.connect.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableIdTest {

    @Test
    void parsesATableOrASchemaAndATableTakingNamesLiterally() {
        assertThat(TableId.parse("orders")).isEqualTo(TableId.of(null, "orders"));
        assertThat(TableId.parse(" shop.Orders ")).isEqualTo(TableId.of("shop", "Orders"));
        assertThat(TableId.parse("\"my.schema\".\"odd\"\"name\"")).isEqualTo(TableId.of("my.schema", "odd\"name"));
        assertThat(TableId.parse("shop.\"order.lines\"")).isEqualTo(TableId.of("shop", "order.lines"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "shop.", ".orders", "db.shop.orders", "\"unclosed", "\"a\"b.c"})
    void rejectsWhatIsNotATableName(String name) {
        assertThatThrownBy(() -> TableId.parse(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isAValue() {
        assertThat(TableId.parse("shop.orders")).isEqualTo(TableId.of("shop", "orders"))
                .hasSameHashCodeAs(TableId.of("shop", "orders"))
                .isNotEqualTo(TableId.of(null, "orders"));
        assertThat(TableId.of("shop", "orders")).hasToString("shop.orders");
        assertThat(TableId.of(null, "orders").qualifiedName()).isEqualTo("orders");
        assertThatThrownBy(() -> TableId.of("", "orders")).isInstanceOf(IllegalArgumentException.class);
    }
}
