package io.tributary.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.smt.plugin.TaskRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalTasksTest {

    @Test
    void figuresGoToTheTaskItsTablesAndTheirPartitionsByTheirTags() {
        List<Map<String, Object>> figures = List.of(
                figure("records-total", Map.of(), 12L),
                figure("serving", Map.of(), "http://0.0.0.0:8090/events"),
                figure("rejected-total", Map.of("reason", "not valid JSON"), 3L),
                figure("table-commits-total", Map.of("table", "retail.clicks"), 2L),
                figure("committed-offset", Map.of("table", "retail.clicks", "topic", "clicks", "partition", "1"),
                        40L),
                Map.of("name", "snapshot-eta-ms", "tags", Map.of("table", "public.orders"), "error",
                        "ArithmeticException"));

        Map<String, Object> shaped = LocalTasks.shape(new TaskRef("pipe", 2), "iceberg-sink", figures);

        assertThat(shaped).containsEntry("connector", "pipe").containsEntry("task", 2)
                .containsEntry("kind", "iceberg-sink");
        assertThat(shaped.get("figures")).isEqualTo(Map.of("records-total", 12L,
                "serving", "http://0.0.0.0:8090/events", "rejected-total{reason=not valid JSON}", 3L));
        assertThat(shaped.get("tables")).isEqualTo(Map.of(
                "retail.clicks", Map.of("table-commits-total", 2L,
                        "partitions", Map.of("clicks-1", Map.of("committed-offset", 40L))),
                "public.orders", Map.of("snapshot-eta-ms", Map.of("error", "ArithmeticException"))));
    }

    @Test
    void aTaskWithoutTablesHasNoTablesEntry() {
        Map<String, Object> shaped = LocalTasks.shape(new TaskRef("clicks", 0), "events-source",
                List.of(figure("accepted-total", Map.of(), 1L)));

        assertThat(shaped).doesNotContainKey("tables");
        assertThat(shaped.get("figures")).isEqualTo(Map.of("accepted-total", 1L));
    }

    private static Map<String, Object> figure(String name, Map<String, String> tags, Object value) {
        return Map.of("name", name, "tags", tags, "value", value);
    }
}
