package io.tributary.connect.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class IcebergSinkConfigTest {

    private static Map<String, String> jdbcCatalog() {
        Map<String, String> props = new HashMap<>();
        props.put("iceberg.catalog.type", "jdbc");
        props.put("iceberg.catalog.uri", "jdbc:sqlite:/tmp/catalog.db");
        props.put("iceberg.catalog.warehouse", "file:/tmp/warehouse");
        props.put("iceberg.catalog.password", "s3cret");
        props.put("iceberg.tables", "retail.clicks");
        props.put("name", "clicks-sink");
        return props;
    }

    @Test
    void buildsIcebergCatalogProperties() {
        IcebergSinkConfig config = new IcebergSinkConfig(jdbcCatalog());

        assertThat(config.catalog().catalogProperties())
                .containsEntry("type", "jdbc")
                .containsEntry("uri", "jdbc:sqlite:/tmp/catalog.db")
                .containsEntry("warehouse", "file:/tmp/warehouse")
                .containsEntry("jdbc.password", "s3cret")
                .containsEntry("jdbc.schema-version", "V1");
        assertThat(config.catalog().name()).isEqualTo("tributary");
        assertThat(config.commits().interval()).hasSeconds(10);
        assertThat(config.commits().offsetsId()).isEqualTo("clicks-sink");
        assertThat(config.tables().tableProperties()).containsEntry("format-version", "2")
                .containsEntry("write.parquet.compression-codec", "zstd");
    }

    @Test
    void restSecretsAreHiddenPasswordsPassedToTheCatalog() {
        Map<String, String> props = jdbcCatalog();
        props.put("iceberg.catalog.type", "rest");
        props.put("iceberg.catalog.uri", "https://catalog.example/api");
        props.put("iceberg.catalog.rest.credential", "client:s3cret-cred");
        props.put("iceberg.catalog.rest.token", "tok-123");

        IcebergSinkConfig config = new IcebergSinkConfig(props);

        assertThat(config.catalog().catalogProperties()).containsEntry("credential", "client:s3cret-cred")
                .containsEntry("token", "tok-123").containsEntry("type", "rest");
        assertThat(config.toString()).doesNotContain("s3cret-cred").doesNotContain("tok-123");
        assertThat(IcebergSinkConfig.CONFIG_DEF.configKeys().get("iceberg.catalog.rest.credential").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void aJdbcCatalogNeedsUriAndWarehouse() {
        Map<String, String> props = jdbcCatalog();
        props.remove("iceberg.catalog.uri");
        props.remove("iceberg.catalog.warehouse");

        assertThatThrownBy(() -> new IcebergSinkConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("iceberg.catalog.uri is required for a jdbc catalog")
                .hasMessageContaining("iceberg.catalog.warehouse is required for a jdbc catalog");
    }

    @Test
    void validateReportsCrossFieldProblemsUnderTheirKey() {
        Map<String, String> props = jdbcCatalog();
        props.put("iceberg.catalog.type", "rest");
        props.remove("iceberg.catalog.uri");
        props.put("iceberg.tables", "clicks");

        Map<String, List<String>> errors = new TributaryIcebergSinkConnector().validate(props).configValues()
                .stream().collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));

        assertThat(errors.get("iceberg.catalog.uri")).containsExactly("iceberg.catalog.uri is required for a rest catalog");
        assertThat(errors.get("iceberg.catalog.warehouse")).isEmpty();
        assertThat(errors.get("iceberg.tables")).singleElement().asString().contains("'clicks'");
    }

    @Test
    void aBadPartitionSpecIsAValidationErrorNotAnUnpartitionedTable() {
        Map<String, String> props = jdbcCatalog();
        props.put("iceberg.tables.partition-by", "day(ts), fortnight(ts)");

        Map<String, List<String>> errors = new TributaryIcebergSinkConnector().validate(props).configValues()
                .stream().collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));

        assertThat(errors.get("iceberg.tables.partition-by")).singleElement().asString().contains("fortnight");
        assertThatThrownBy(() -> new IcebergSinkConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("iceberg.tables.partition-by");
    }

    @Test
    void routingByFieldNeedsTheFieldAndNoStaticTables() {
        Map<String, String> props = jdbcCatalog();
        props.remove("iceberg.tables");
        props.put("iceberg.tables.route", "field");

        assertThatThrownBy(() -> new IcebergSinkConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("iceberg.tables.route.field is required");
        props.put("iceberg.tables.route.field", "meta.table");
        assertThat(new IcebergSinkConfig(props).tables().routeField()).isEqualTo("meta.table");
    }

    @Test
    void rejectsUnknownCatalogTypes() {
        Map<String, String> props = jdbcCatalog();
        props.put("iceberg.catalog.type", "hive-metastore-of-doom");

        assertThatThrownBy(() -> new IcebergSinkConfig(props))
                .isInstanceOf(ConfigException.class).hasMessageContaining("iceberg.catalog.type");
    }

    @Test
    void validateOfAnEmptyConfigNamesTheMissingKeysInsteadOfThrowing() {
        Map<String, List<String>> errors = new TributaryIcebergSinkConnector().validate(Map.of()).configValues()
                .stream().collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));

        assertThat(errors.get("iceberg.catalog.type")).isNotEmpty();
        assertThat(errors.get("iceberg.tables")).isNotEmpty();
    }
}
