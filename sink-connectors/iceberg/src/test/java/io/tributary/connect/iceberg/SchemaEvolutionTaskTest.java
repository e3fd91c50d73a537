package io.tributary.connect.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables follow the records' schemas: new columns (nested too), widened types; incompatible changes fail. */
class SchemaEvolutionTaskTest {

    private static final TopicPartition P0 = new TopicPartition("users", 0);

    @TempDir
    Path dir;

    private IcebergSinkTask task;

    @BeforeEach
    void start() {
        Map<String, String> config = new HashMap<>();
        config.put("name", "users-sink");
        config.put("iceberg.catalog.type", "jdbc");
        config.put("iceberg.catalog.uri", "jdbc:sqlite:" + dir.resolve("catalog.db"));
        config.put("iceberg.catalog.warehouse", "file:" + dir.resolve("warehouse"));
        config.put("iceberg.tables", "crm.users");
        config.put("iceberg.commit.max-buffered-records", "1");
        task = new IcebergSinkTask();
        task.initialize(new RecordingSinkContext());
        task.start(config);
        task.open(Set.of(P0));
    }

    @AfterEach
    void stop() {
        task.stop();
    }

    private Table table() {
        return CatalogUtil.buildIcebergCatalog("tributary", Map.of("type", "jdbc",
                "uri", "jdbc:sqlite:" + dir.resolve("catalog.db"), "warehouse", "file:" + dir.resolve("warehouse")),
                new Configuration()).loadTable(TableIdentifier.parse("crm.users"));
    }

    private static SinkRecord record(long offset, Schema schema, Struct value) {
        return new SinkRecord("users", 0, null, null, schema, value, offset);
    }

    @Test
    void addsNestedColumnsAndWidensTypesAsRecordsNeedThem() {
        Schema v1 = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA)
                .field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema address = SchemaBuilder.struct().optional().field("city", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema v2 = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
                .field("name", Schema.OPTIONAL_STRING_SCHEMA).field("address", address).build();

        task.put(List.of(record(0, v1, new Struct(v1).put("id", 1).put("name", "Ada"))));
        task.put(List.of(record(1, v2, new Struct(v2).put("id", 5_000_000_000L).put("name", "Bo")
                .put("address", new Struct(address).put("city", "Oslo")))));

        org.apache.iceberg.Schema schema = table().schema();
        assertThat(schema.findType("id")).isEqualTo(Types.LongType.get());
        assertThat(schema.findType("address.city")).isEqualTo(Types.StringType.get());
        assertThat(schema.findField("address").isOptional()).isTrue();
    }

    @Test
    void anIncompatibleChangeNamesTheTableAndTheField() {
        Schema v1 = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
                .field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema clash = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
                .field("name", SchemaBuilder.struct().optional().field("first", Schema.STRING_SCHEMA).build()).build();
        task.put(List.of(record(0, v1, new Struct(v1).put("id", 1L).put("name", "Ada"))));

        Struct bad = new Struct(clash).put("id", 2L)
                .put("name", new Struct(clash.field("name").schema()).put("first", "Bo"));
        assertThatThrownBy(() -> task.put(List.of(record(1, clash, bad))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("crm.users")
                .hasMessageContaining("name")
                .hasMessageContaining("offset=1");
    }
}
