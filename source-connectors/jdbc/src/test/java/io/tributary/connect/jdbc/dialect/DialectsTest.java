package io.tributary.connect.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.catalog.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialectsTest {

    @Test
    void theDialectFollowsTheUrl() {
        assertThat(Dialects.forUrl("jdbc:postgresql://db:5432/shop")).isInstanceOf(PostgresDialect.class);
        assertThat(Dialects.forUrl("jdbc:sqlite:/data/shop.db")).isInstanceOf(SqliteDialect.class);
        assertThat(Dialects.forUrl("jdbc:h2:mem:shop")).isInstanceOf(AnsiDialect.class);
        assertThatThrownBy(() -> Dialects.forUrl("postgresql://etl:hunter2@db/shop"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
    }

    @Test
    void identifiersAreDoubleQuotedWithEmbeddedQuotesDoubledInEveryDialect() {
        for (Dialect dialect : List.of(new PostgresDialect(), new SqliteDialect(), new AnsiDialect())) {
            assertThat(dialect.quoteIdentifier("orders")).isEqualTo("\"orders\"");
            assertThat(dialect.quoteIdentifier("x\"; DROP TABLE y; --")).isEqualTo("\"x\"\"; DROP TABLE y; --\"");
            assertThat(TableId.of("my.schema", "Order \"Lines\"").quoted(dialect))
                    .isEqualTo("\"my.schema\".\"Order \"\"Lines\"\"\"");
            assertThatThrownBy(() -> dialect.quoteIdentifier("a\0b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> dialect.quoteIdentifier("")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void urlsAreLoggedWithoutCredentials() {
        assertThat(JdbcUrls.redacted("jdbc:postgresql://etl:hunter2@db:5432/shop?password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/shop");
        assertThat(JdbcUrls.redacted("jdbc:sqlserver://db;user=etl;password=hunter2")).isEqualTo("jdbc:sqlserver://db");
        assertThat(JdbcUrls.redacted("jdbc:postgresql://etl:hun?ter2@db/shop")).isEqualTo("jdbc:postgresql:<hidden>");
        assertThat(JdbcUrls.redacted("jdbc:sqlite:/data/shop.db")).isEqualTo("jdbc:sqlite:/data/shop.db");
    }

    @Test
    void driverMessagesAreScrubbedOfThePasswordTheUrlAndPasswordParameters() {
        String url = "jdbc:postgresql://db:5432/shop?user=etl&password=hunter2";
        String message = "No suitable driver found for " + url + "; also PASSWORD=s3cret;x and pwd=other tried";

        String scrubbed = JdbcUrls.scrub(message, url, "configured-secret");

        assertThat(scrubbed).doesNotContain("hunter2").doesNotContain("s3cret").doesNotContain("other")
                .contains("jdbc:postgresql://db:5432/shop").contains("PASSWORD=********");
        assertThat(JdbcUrls.scrub("auth failed for configured-secret", url, "configured-secret"))
                .isEqualTo("auth failed for ********");
        assertThat(JdbcUrls.scrub(null, url, null)).isEqualTo("null");
    }
}
