package io.tributary.connect.iceberg.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class TablePropertiesTest {

    private static final String KEY = "iceberg.tables.properties";

    @Test
    void parsesEntriesInOrder() {
        Map<String, String> properties = TableProperties.parse(List.of(
                " write.target-file-size-bytes = 134217728 ", "comment=a=b", "empty=", "write.metadata.metrics"
                        + ".default=truncate(16)"));

        assertThat(properties).containsExactly(
                entry("write.target-file-size-bytes", "134217728"),
                entry("comment", "a=b"),
                entry("empty", ""),
                entry("write.metadata.metrics.default", "truncate(16)"));
    }

    @Test
    void parsesAValueAsKafkaSplitsIt() {
        ConfigDef def = new ConfigDef()
                .define(KEY, Type.LIST, "", TableProperties.validator(), Importance.LOW, "");

        @SuppressWarnings("unchecked")
        List<String> parsed = (List<String>) def.parse(
                Map.of(KEY, "format-version=3, commit.retry.num-retries=10")).get(KEY);

        assertThat(TableProperties.parse(parsed))
                .containsExactly(entry("format-version", "3"), entry("commit.retry.num-retries", "10"));
        assertThat(TableProperties.parse(List.of())).isEmpty();
    }

    @Test
    void rejectsAnEntryWithoutEquals() {
        assertThatThrownBy(() -> TableProperties.parse(List.of("a=1", "format-version 2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Table property 'format-version 2' has no '='. Accepted: " + TableProperties.SYNTAX);
    }

    @Test
    void rejectsAnEmptyKey() {
        assertThatThrownBy(() -> TableProperties.parse(List.of(" =2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Table property '=2' has an empty key.");
    }

    @Test
    void rejectsAKeySetTwice() {
        assertThatThrownBy(() -> TableProperties.parse(List.of("format-version=2", "a=b", "format-version = 3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Table property 'format-version' is set twice: '2' and '3'");
    }

    @Test
    void rejectsAStrayComma() {
        assertThatThrownBy(() -> TableProperties.parse(List.of("a=1", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid table properties: empty term (a stray comma?)");
    }

    @Test
    void addsDefaultsTheUserDidNotSet() {
        assertThat(TableProperties.withDefaults(Map.of("a", "b"))).containsOnly(
                entry("a", "b"), entry("format-version", "2"), entry("write.parquet.compression-codec", "zstd"));
        assertThat(TableProperties.withDefaults(Map.of("format-version", "3",
                "write.parquet.compression-codec", "snappy"))).containsOnly(
                entry("format-version", "3"), entry("write.parquet.compression-codec", "snappy"));
    }

    @Test
    void theValidatorReportsAConfigExceptionNamingTheKey() {
        ConfigDef def = new ConfigDef()
                .define(KEY, Type.LIST, "", TableProperties.validator(), Importance.LOW, "");

        assertThatThrownBy(() -> def.parse(Map.of(KEY, "a=1,b")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("for configuration " + KEY)
                .hasMessageContaining("Table property 'b' has no '='");
        assertThat(TableProperties.validator()).hasToString(TableProperties.SYNTAX);
    }
}
