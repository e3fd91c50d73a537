package io.tributary.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
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
                .flatMap(task -> Arrays.stream(task.get(JdbcSourceConfig.TASK_TABLES).split(",")))
                .collect(Collectors.toList());
        assertThat(assigned).containsExactlyInAnyOrder("public.orders", "public.users", "public.items");
        assertThat(tasks).allSatisfy(task -> assertThat(task).containsEntry("connection.user", "etl"));
    }

    @Test
    void neverStartsMoreTasksThanTables() {
        TributaryJdbcSourceConnector connector = new TributaryJdbcSourceConnector();
        connector.start(CONFIG);

        assertThat(connector.taskConfigs(10)).hasSize(3);
    }

    @Test
    void validateReportsEachBadKeyWithoutEchoingTheUrl() {
        Config result = new TributaryJdbcSourceConnector().validate(Map.of(
                "connection.url", "postgresql://etl:hunter2@db/shop",
                "tables", "",
                "mode", "sometimes"));

        Map<String, List<String>> errors = result.configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
        assertThat(errors.get("connection.url")).singleElement().asString()
                .contains("jdbc:").doesNotContain("hunter2");
        assertThat(errors.get("tables")).isNotEmpty();
        assertThat(errors.get("mode")).isNotEmpty();
        assertThat(errors.get("connection.password")).isEmpty();
    }

    @Test
    void passwordIsHiddenInTheParsedConfig() {
        JdbcSourceConfig config = new JdbcSourceConfig(CONFIG);

        assertThat(config.password().value()).isEqualTo("s3cret");
        assertThat(config.password().toString()).doesNotContain("s3cret");
        assertThat(config.mode()).isEqualTo(JdbcSourceConfig.Mode.SNAPSHOT);
    }

    @Test
    void missingTablesIsAConfigError() {
        assertThatThrownBy(() -> new JdbcSourceConfig(Map.of("connection.url", "jdbc:sqlite:/tmp/x.db")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tables");
    }

    @Test
    void validateOfAnEmptyConfigNamesTheMissingKeysInsteadOfThrowing() {
        Map<String, List<String>> errors = new TributaryJdbcSourceConnector().validate(Map.of()).configValues()
                .stream().collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));

        assertThat(errors.get("connection.url")).isNotEmpty();
        assertThat(errors.get("tables")).isNotEmpty();
    }
}
