package io.tributary.connect.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the LateData transform tagged late ({@code tributary.late=true}), the task alone on a real SQLite
 * catalog: appended to a corrections table, or upserted into their own table by event id.
 */
class LateRecordsTaskTest {

    private static final TopicPartition P0 = new TopicPartition("clicks", 0);
    private static final Instant HOUR = Instant.parse("2026-12-02T10:00:00Z");

    @TempDir
    Path dir;

    private TaskHarness harness;

    @BeforeEach
    void harness() {
        harness = new TaskHarness(dir);
    }

    @AfterEach
    void stopTasks() {
        harness.close();
    }

    private Map<String, String> config(String lateRecords) {
        Map<String, String> config = harness.config("clicks-sink", "web.clicks");
        config.put("iceberg.tables.partition-by", "hour(ts)");
        config.put("iceberg.tables.late-records", lateRecords);
        return config;
    }

    private IcebergSinkTask task(Map<String, String> config) {
        return harness.start(config, P0);
    }

    private static SinkRecord click(long offset, String eventId, String page, int minute, boolean late) {
        Map<String, Object> value = new HashMap<>();
        value.put("event_id", eventId);
        value.put("page", page);
        value.put("ts", Date.from(HOUR.plusSeconds(60L * minute)));
        ConnectHeaders headers = new ConnectHeaders();
        if (late) {
            headers.addBoolean("tributary.late", true);
        }
        return new SinkRecord("clicks", 0, null, eventId, null, value, offset, null, null, headers);
    }

    private Map<String, String> pages(String table) {
        Map<String, String> byEvent = new TreeMap<>();
        for (Record row : harness.rows(table)) {
            assertThat(byEvent.put((String) row.getField("event_id"), (String) row.getField("page")))
                    .as("a second row for event %s in %s", row.getField("event_id"), table).isNull();
        }
        return byEvent;
    }

    @Test
    void lateRecordsGoToTheCorrectionsTable() {
        IcebergSinkTask task = task(config("corrections"));
        task.put(List.of(click(0, "e1", "/a", 1, false), click(1, "e2", "/b", 2, true),
                click(2, "e3", "/c", 3, false), click(3, "e1", "/a-fixed", 1, true)));
        task.close(Set.of(P0));

        assertThat(pages("web.clicks")).containsExactly(Map.entry("e1", "/a"), Map.entry("e3", "/c"));
        assertThat(pages("web.clicks_corrections")).containsExactly(Map.entry("e1", "/a-fixed"),
                Map.entry("e2", "/b"));
    }

    @Test
    void lateRecordsReplaceTheRowWithTheirIdOnTimeRecordsAreAppended() {
        Map<String, String> config = config("upsert");
        config.put("iceberg.tables.id-columns", "event_id");
        IcebergSinkTask task = task(config);
        task.put(List.of(click(0, "e1", "/a", 1, false), click(1, "e2", "/b", 2, false),
                click(2, "e3", "/c", 3, false)));
        task.close(Set.of(P0));
        task.open(Set.of(P0));
        task.put(List.of(
                click(3, "e2", "/b-fixed", 2, true),   // replaces a row of an earlier commit
                click(4, "e4", "/d", 4, false),
                click(5, "e4", "/d-again", 4, true),   // replaces a row of this commit
                click(6, "e9", "/z", 50, true)));      // late, and new
        task.close(Set.of(P0));

        assertThat(pages("web.clicks")).containsExactly(Map.entry("e1", "/a"), Map.entry("e2", "/b-fixed"),
                Map.entry("e3", "/c"), Map.entry("e4", "/d-again"), Map.entry("e9", "/z"));
    }

    @Test
    void lateUpsertsNeedIdColumns() {
        assertThatThrownBy(() -> new IcebergSinkConfig(config("upsert"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("iceberg.tables.id-columns");
    }
}
