package io.tributary.connect.smt.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlIdentifiersTest {

    @Test
    void quotesANameAndDoublesItsQuotes() {
        assertThat(SqlIdentifiers.quote("users")).isEqualTo("\"users\"");
        assertThat(SqlIdentifiers.quote("Users By \"Region\"")).isEqualTo("\"Users By \"\"Region\"\"\"");
        assertThat(SqlIdentifiers.quote("x\"; DROP TABLE users; --")).isEqualTo("\"x\"\"; DROP TABLE users; --\"");
    }

    @Test
    void quotesASchemaAndATableSeparately() {
        assertThat(SqlIdentifiers.quoteTable("users")).isEqualTo("\"users\"");
        assertThat(SqlIdentifiers.quoteTable("retail.users")).isEqualTo("\"retail\".\"users\"");
        assertThat(SqlIdentifiers.quoteTable("retail.my.users")).isEqualTo("\"retail\".\"my.users\"");
    }

    @Test
    void rejectsEmptyNamesAndNul() {
        assertThatThrownBy(() -> SqlIdentifiers.quote("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlIdentifiers.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlIdentifiers.quoteTable(".users")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlIdentifiers.quoteTable("retail.")).isInstanceOf(IllegalArgumentException.class);
    }
}
