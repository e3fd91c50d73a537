package io.tributary.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.config.ModeSettings;
import io.tributary.connect.jdbc.task.TaskTables;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

class TributaryJdbcSourceConnectorTest {

    private static final Map<String, String> CONFIG = Map.of(
            "connection.url", "jdbc:postgresql://localhost:5432/shop",
            "connection.user", "etl",
            "connection.password", "s3cret",
            "tables", "public.orders, public.users, public.items");

    @Test
    void everyTableGoesToExactlyOneTask() {
        TributaryJdbcSourceConnector connector = new TributaryJdbcSourceConnector();
        connector.start(CONFIG);

        List<Map<String, String>> tasks = connector.taskConfigs(2);

        assertThat(tasks).hasSize(2);
        List<String> assigned = tasks.stream()
                .flatMap(task -> TaskTables.decode(task.get(JdbcSourceConfig.TASK_TABLES)).stream())
                .map(TableId::qualifiedName).collect(Collectors.toList());
        assertThat(assigned).containsExactlyInAnyOrder("public.orders", "public.users", "public.items");
        assertThat(tasks).allSatisfy(task -> assertThat(task).containsEntry("connection.user", "etl"));
    }

    @Test
    void taskTablesKeepNamesWithCommasAndDotsWhole() {
        List<TableId> tables = List.of(TableId.of("my.schema", "a,b"), TableId.of(null, "odd\"name"));

        assertThat(TaskTables.decode(TaskTables.encode(tables))).isEqualTo(tables);
    }

    @Test
    void neverStartsMoreTasksThanTables() {
        TributaryJdbcSourceConnector connector = new TributaryJdbcSourceConnector();
        connector.start(CONFIG);

        assertThat(connector.taskConfigs(10)).hasSize(3);
    }

    @Test
    void supportsExactlyOnceAndDefinesTransactionBoundaries() {
        TributaryJdbcSourceConnector connector = new TributaryJdbcSourceConnector();

        assertThat(connector.exactlyOnceSupport(CONFIG)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.canDefineTransactionBoundaries(CONFIG))
                .isEqualTo(ConnectorTransactionBoundaries.SUPPORTED);
    }

    @Test
    void validateReportsEachBadKeyWithoutEchoingTheUrl() {
        Map<String, List<String>> errors = errors(Map.of(
                "connection.url", "postgresql://etl:hunter2@db/shop",
                "tables", "",
                "mode", "sometimes"));

        assertThat(errors.get("connection.url")).singleElement().asString()
                .contains("jdbc:").doesNotContain("hunter2");
        assertThat(errors.get("tables")).isNotEmpty();
        assertThat(errors.get("mode")).isNotEmpty();
        assertThat(errors.get("connection.password")).isEmpty();
    }

    @Test
    void validateReportsTwoSelectionStylesOnTheKeysToChange() {
        Map<String, String> config = new HashMap<>(CONFIG);
        config.put("table.include", "public\\..*");
        config.put("query", "SELECT 1");

        Map<String, List<String>> errors = errors(config);

        assertThat(errors.get("table.include")).singleElement().asString().contains("only one of");
        assertThat(errors.get("query")).singleElement().asString().contains("only one of");
        assertThat(errors.get("query.name")).isNotEmpty();
        assertThat(errors.get("tables")).isEmpty();
    }

    @Test
    void validateReportsBadPatternsAndIncrementalWithoutColumns() {
        Map<String, List<String>> errors = errors(Map.of(
                "connection.url", "jdbc:sqlite:/tmp/x.db",
                "table.include", "orders(",
                "mode", "incremental"));

        assertThat(errors.get("table.include")).singleElement().asString().contains("regular expression");
        assertThat(errors.get("incrementing.column")).isNotEmpty();
    }

    @Test
    void everyKeyIsVisibleToValidate() {
        List<ConfigValue> values = new TributaryJdbcSourceConnector().validate(Map.of()).configValues();
        List<String> names = values.stream().map(ConfigValue::name).toList();

        assertThat(values).allSatisfy(value -> assertThat(value.visible()).as(value.name()).isTrue());

        assertThat(names).contains("connection.backoff.ms", "connection.backoff.max.ms", "tables", "table.include",
                "table.exclude", "query", "query.name", "topic.template", "topic.partitions",
                "tables.refresh.interval.ms", "mode", "incrementing.column", "timestamp.column",
                "incremental.safety.delay.ms", "incremental.poll.interval.ms", "incremental.initial",
                "snapshot.schedule", "snapshot.time-zone", "snapshot.fetch.size", "snapshot.transaction.rows",
                "key.columns", "numeric.mapping", "numeric.unconstrained.scale", "unsupported.types",
                "batch.max.rows");
    }

    @Test
    void passwordIsHiddenInTheParsedConfig() {
        JdbcSourceConfig config = new JdbcSourceConfig(CONFIG);

        assertThat(config.connection().password()).isEqualTo("s3cret");
        assertThat(config.toString()).doesNotContain("s3cret");
        assertThat(config.mode()).isEqualTo(ModeSettings.Mode.SNAPSHOT);
    }

    @Test
    void aConfigWithoutSelectionIsAConfigError() {
        assertThatThrownBy(() -> new JdbcSourceConfig(Map.of("connection.url", "jdbc:sqlite:/tmp/x.db")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tables");
    }

    @Test
    void validateOfAnEmptyConfigNamesTheMissingKeysInsteadOfThrowing() {
        Map<String, List<String>> errors = errors(Map.of());

        assertThat(errors.get("connection.url")).isNotEmpty();
        assertThat(errors.get("tables")).isNotEmpty();
    }

    @Test
    void alterOffsetsAcceptsResetsAndResnapshotsAndRefusesGarbage() {
        TributaryJdbcSourceConnector connector = new TributaryJdbcSourceConnector();
        Map<Map<String, ?>, Map<String, ?>> good = new HashMap<>();
        good.put(Map.of("table", "public.orders"), Map.of("resnapshot", "T-1"));
        good.put(Map.of("table", "public.gone"), null);

        assertThat(connector.alterOffsets(CONFIG, good)).isTrue();

        Map<Map<String, ?>, Map<String, ?>> garbage = new HashMap<>();
        garbage.put(Map.of("table", "public.orders"), Map.of("snapshot.id", 42));
        garbage.put(Map.of("nonsense", "x"), Map.of());
        assertThatThrownBy(() -> connector.alterOffsets(CONFIG, garbage)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("public.orders").hasMessageContaining("nonsense");
    }

    @Test
    void theShippedMinimalConfigValidatesCleanlyWithoutAnyDatabaseServer() throws Exception {
        JsonNode file = new ObjectMapper().readTree(Path.of("../../connector-configs/minimal/jdbc-source.json")
                .toFile());
        Map<String, String> config = new HashMap<>();
        file.path("config").fields().forEachRemaining(entry -> config.put(entry.getKey(), entry.getValue().asText()));

        assertThat(errors(config).values()).allSatisfy(messages -> assertThat(messages).isEmpty());
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        return new TributaryJdbcSourceConnector().validate(config).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }
}
