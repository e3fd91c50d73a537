package io.tributary.connect.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomQueryTest {

    @Test
    void aTrailingSemicolonAndWhatIsBlankOrCommentedAfterItAreDropped() {
        assertThat(CustomQuery.of("SELECT 1;").sql()).isEqualTo("SELECT 1");
        assertThat(CustomQuery.of("  SELECT 1 ;  -- done\n /* really */ ;\n").sql()).isEqualTo("SELECT 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT ';' AS a FROM t",
        "SELECT 'it''s; fine' FROM t",
        "SELECT \"odd;name\" FROM t",
        "SELECT E'\\'; still a string' FROM t",
        "SELECT $$;$$ FROM t",
        "SELECT $body$ ; $notend$ ; $body$ FROM t",
        "SELECT 1 -- a comment; with a semicolon\nFROM t",
        "SELECT 1 /* a /* nested */ comment; */ FROM t",
    })
    void semicolonsInsideLiteralsIdentifiersAndCommentsDoNotEndTheStatement(String sql) {
        assertThat(CustomQuery.of(sql).sql()).isEqualTo(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1; DROP TABLE orders",
        "SELECT 1;SELECT 2;",
        "SELECT $1; SELECT 2",
        "SELECT 'a'; 'b'",
    })
    void severalStatementsAreRejected(String sql) {
        assertThatThrownBy(() -> CustomQuery.of(sql)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than one statement");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ";", "-- nothing\n", "/* nothing */ ;"})
    void anEmptyQueryIsRejected(String sql) {
        assertThatThrownBy(() -> CustomQuery.of(sql)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void theWrappedQueryKeepsTheUsersWhereAndOrderByInsideAndATrailingCommentCannotSwallowTheRest() {
        CustomQuery query = CustomQuery.of("SELECT * FROM orders WHERE status = 'open' ORDER BY id -- open ones");

        assertThat(query.wrap(new PostgresDialect(), "\"id\" > ?", "\"id\""))
                .isEqualTo("SELECT * FROM (\nSELECT * FROM orders WHERE status = 'open' ORDER BY id -- open ones\n) "
                        + "AS \"tributary_q\" WHERE \"id\" > ? ORDER BY \"id\"");
        assertThat(query.wrap(new SqliteDialect(), null, " ")).endsWith("\n) AS \"tributary_q\"");
    }
}
