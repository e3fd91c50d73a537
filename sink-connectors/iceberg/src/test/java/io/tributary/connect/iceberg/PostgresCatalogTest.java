package io.tributary.connect.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JDBC catalog on a real PostgreSQL server, with the password given as a PASSWORD config. */
class PostgresCatalogTest {

    private static TestPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void writesThroughAJdbcCatalogOnPostgres() throws IOException {
        String url = postgres.createDatabase("lake");
        Map<String, String> config = new HashMap<>();
        config.put("name", "pg-sink");
        config.put("iceberg.catalog.type", "jdbc");
        config.put("iceberg.catalog.uri", url);
        config.put("iceberg.catalog.user", postgres.user());
        config.put("iceberg.catalog.password", postgres.password());
        config.put("iceberg.catalog.warehouse", "file:" + dir);
        config.put("iceberg.tables", "retail.orders");
        config.put("iceberg.commit.max-buffered-records", "3");
        IcebergSinkTask task = new IcebergSinkTask();
        task.initialize(new RecordingSinkContext());
        task.start(config);
        TopicPartition partition = new TopicPartition("orders", 0);
        task.open(Set.of(partition));
        List<SinkRecord> records = new ArrayList<>();
        for (long offset = 0; offset < 3; offset++) {
            records.add(new SinkRecord("orders", 0, null, null, null, Map.of("order_id", offset), offset));
        }
        try {
            task.put(records);
        } finally {
            task.stop();
        }

        var catalog = CatalogUtil.buildIcebergCatalog("tributary", Map.of("type", "jdbc", "uri", url,
                "jdbc.user", postgres.user(), "jdbc.password", postgres.password(), "warehouse", "file:" + dir),
                new Configuration());
        List<Object> ids = new ArrayList<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(catalog.loadTable(TableIdentifier.parse("retail.orders"))).build()) {
            rows.forEach(row -> ids.add(row.getField("order_id")));
        }
        assertThat(ids).containsExactlyInAnyOrder(0L, 1L, 2L);
    }
}
