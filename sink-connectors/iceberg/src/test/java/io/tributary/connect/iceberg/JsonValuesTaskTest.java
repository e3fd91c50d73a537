package io.tributary.connect.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.IcebergTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code iceberg.tables.value-format=json} the task takes raw JSON (ByteArrayConverter or StringConverter
 * values): rows, routing by a field, table creation and schema evolution work as with JsonConverter's maps, and
 * what is not a JSON object goes to the dead-letter queue.
 */
class JsonValuesTaskTest {

    private static final TopicPartition P0 = new TopicPartition("clicks", 0);

    @TempDir
    Path dir;

    private final RecordingSinkContext context = RecordingSinkContext.withDeadLetterQueue();
    private IcebergTables lake;
    private IcebergSinkTask task;

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
    }

    private void start(Map<String, String> overrides) {
        lake = IcebergTables.sqliteWarehouse(dir);
        Map<String, String> config = new HashMap<>(lake.sinkConfig());
        config.put("name", "clicks-sink");
        config.put("iceberg.tables.value-format", "json");
        config.put("iceberg.commit.interval.ms", "3600000");
        config.putAll(overrides);
        task = new IcebergSinkTask();
        task.initialize(context);
        task.start(config);
        context.assignment.add(P0);
        task.open(Set.of(P0));
    }

    private static SinkRecord bytes(long offset, String json) {
        return new SinkRecord("clicks", 0, null, null, null, json.getBytes(StandardCharsets.UTF_8), offset);
    }

    private static SinkRecord text(long offset, String json) {
        return new SinkRecord("clicks", 0, null, null, null, json, offset);
    }

    private List<Record> rows(String table) {
        List<Record> rows = new ArrayList<>(lake.rows(table));
        rows.sort(Comparator.comparing(row -> (Long) row.getField("id")));
        return rows;
    }

    @Test
    void writesRowsCreatesAndEvolvesTheTableAndDeadLettersWhatIsNotAnObject() {
        start(Map.of("iceberg.tables", "web.clicks"));

        task.put(List.of(
                bytes(0, "{\"id\": 1, \"page\": \"/home\", \"price\": 9.5}"),
                text(1, "{\"id\": 2, \"page\": \"/cart\"}"),
                bytes(2, "[1, 2, 3]"),
                bytes(3, "{\"id\": 3, \"page\": \"/pay\", \"coupon\": \"SPRING\"}"),
                bytes(4, "{\"id\": 4, \"page\": "),
                bytes(5, "{\"id\": 5, \"page\": \"/done\"}")));
        task.flush(Map.of());
        task.close(Set.of(P0));

        List<Record> rows = rows("web.clicks");
        assertThat(rows).extracting(row -> row.getField("id")).containsExactly(1L, 2L, 3L, 5L);
        assertThat(rows).extracting(row -> row.getField("page")).containsExactly("/home", "/cart", "/pay", "/done");
        assertThat(rows.get(0).getField("price")).isEqualTo(9.5);
        assertThat(rows).extracting(row -> row.getField("coupon")).containsExactly(null, null, "SPRING", null);
        assertThat(lake.load("web.clicks").schema().findField("coupon")).isNotNull();
        assertThat(context.deadLettered.keySet()).extracting(SinkRecord::kafkaOffset).containsExactly(2L, 4L);
        assertThat(context.deadLettered.values())
                .allSatisfy(message -> assertThat(message).contains("clicks").contains("web.clicks"));
    }

    @Test
    void routesByAFieldOfTheJson() {
        start(Map.of("iceberg.tables.route", "field", "iceberg.tables.route.field", "meta.table"));

        task.put(List.of(
                bytes(0, "{\"id\": 1, \"meta\": {\"table\": \"shop.views\"}}"),
                bytes(1, "{\"id\": 2, \"meta\": {\"table\": \"shop.carts\"}}"),
                bytes(2, "{\"id\": 3, \"meta\": {\"table\": \"shop.views\"}}"),
                bytes(3, "{\"id\": 4}")));
        task.flush(Map.of());
        task.close(Set.of(P0));

        assertThat(rows("shop.views")).extracting(row -> row.getField("id")).containsExactly(1L, 3L);
        assertThat(rows("shop.carts")).extracting(row -> row.getField("id")).containsExactly(2L);
        assertThat(context.deadLettered.keySet()).extracting(SinkRecord::kafkaOffset).containsExactly(3L);
    }

    @Test
    void aRoutedTableOutsideTheAllowedOnesTakesTheErrorPath() {
        start(Map.of("iceberg.tables.route", "field", "iceberg.tables.route.field", "table",
                "iceberg.tables.route.allow-regex", "shop\\.(views|carts)"));

        task.put(List.of(
                bytes(0, "{\"id\": 1, \"table\": \"shop.views\"}"),
                bytes(1, "{\"id\": 2, \"table\": \"shop.users\"}"),
                bytes(2, "{\"id\": 3, \"table\": \"views\"}")));
        task.flush(Map.of());
        task.close(Set.of(P0));

        assertThat(rows("shop.views")).extracting(row -> row.getField("id")).containsExactly(1L);
        assertThat(lake.exists("shop.users")).isFalse();
        assertThat(lake.exists("default.views")).isFalse();
        assertThat(context.deadLettered).hasSize(2);
        assertThat(context.deadLettered.values()).allSatisfy(message -> assertThat(message)
                .contains("does not match iceberg.tables.route.allow-regex"));
    }

    /** Dynamic routing opens tables without end; one no record goes to any more is let go. */
    @Test
    void forgetsTablesNoRecordWentToForAWhile() {
        start(Map.of("iceberg.tables.route", "field", "iceberg.tables.route.field", "table",
                "iceberg.commit.max-buffered-records", "1"));

        task.put(List.of(bytes(0, "{\"id\": 0, \"table\": \"shop.once\"}")));
        assertThat(task.openTables()).containsExactly("shop.once");
        for (long offset = 1; offset <= IcebergSinkTask.IDLE_ROUNDS_BEFORE_EVICTION; offset++) {
            task.put(List.of(bytes(offset, "{\"id\": " + offset + ", \"table\": \"shop.busy\"}")));
        }

        assertThat(task.openTables()).containsExactly("shop.busy");
        task.put(List.of(bytes(100, "{\"id\": 100, \"table\": \"shop.once\"}")));
        task.close(Set.of(P0));
        assertThat(rows("shop.once")).extracting(row -> row.getField("id")).containsExactly(0L, 100L);
        assertThat(rows("shop.busy")).hasSize(IcebergSinkTask.IDLE_ROUNDS_BEFORE_EVICTION);
    }
}
