package io.tributary.connect.iceberg.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.iceberg.IcebergSinkConfig;
import io.tributary.connect.iceberg.TributaryIcebergSinkConnector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class StorageSettingsTest {

    private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";

    private static Map<String, String> s3Sink() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "orders-sink");
        props.put("iceberg.catalog.type", "jdbc");
        props.put("iceberg.catalog.uri", "jdbc:sqlite:/tmp/catalog.db");
        props.put("iceberg.catalog.warehouse", "s3://lake/warehouse");
        props.put("iceberg.tables", "retail.orders");
        props.put("iceberg.s3.endpoint", "http://127.0.0.1:9000");
        props.put("iceberg.s3.region", "us-east-1");
        props.put("iceberg.s3.access-key-id", "AKIAEXAMPLE");
        props.put("iceberg.s3.secret-access-key", SECRET);
        props.put("iceberg.s3.path-style-access", "true");
        return props;
    }

    private static Map<String, String> catalogProperties(Map<String, String> props) {
        return new IcebergSinkConfig(props).catalog().catalogProperties();
    }

    private static Map<String, List<String>> validate(Map<String, String> props) {
        return new TributaryIcebergSinkConnector().validate(props).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void mapsTheS3KeysOntoIcebergsS3FileIoProperties() {
        assertThat(catalogProperties(s3Sink()))
                .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                .containsEntry("s3.endpoint", "http://127.0.0.1:9000")
                .containsEntry("client.region", "us-east-1")
                .containsEntry("s3.access-key-id", "AKIAEXAMPLE")
                .containsEntry("s3.secret-access-key", SECRET)
                .containsEntry("s3.path-style-access", "true")
                .containsEntry("warehouse", "s3://lake/warehouse");
    }

    /** The mapped properties reach the SDK client S3FileIO builds: the key names are the ones Iceberg reads. */
    @Test
    void s3FileIoBuildsItsClientFromTheMappedProperties() {
        Map<String, String> properties = catalogProperties(s3Sink());

        try (FileIO io = CatalogUtil.loadFileIO(properties.get("io-impl"), properties, null)) {
            assertThat(io).isInstanceOf(S3FileIO.class);
            S3Client client = ((S3FileIO) io).client();
            assertThat(client.serviceClientConfiguration().endpointOverride()).contains(URI.create(
                    "http://127.0.0.1:9000"));
            assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
        }
    }

    @Test
    void s3aWarehousesUseS3FileIoToo() {
        Map<String, String> props = s3Sink();
        props.put("iceberg.catalog.warehouse", "S3A://lake/warehouse");

        assertThat(catalogProperties(props)).containsEntry("io-impl", StorageSettings.S3_FILE_IO);
    }

    @Test
    void aConfiguredFileIoWinsOverTheAutomaticChoice() {
        Map<String, String> props = s3Sink();
        props.put("iceberg.catalog.io-impl", "org.apache.iceberg.io.ResolvingFileIO");

        assertThat(catalogProperties(props)).containsEntry("io-impl", "org.apache.iceberg.io.ResolvingFileIO");
    }

    @Test
    void aFileIoGivenAsExtraCatalogPropertyIsKept() {
        Map<String, String> props = s3Sink();
        props.put("iceberg.catalog.properties", "io-impl=org.apache.iceberg.io.ResolvingFileIO");

        assertThat(catalogProperties(props)).containsEntry("io-impl", "org.apache.iceberg.io.ResolvingFileIO");
    }

    @Test
    void typedKeysWinOverTheSameIcebergKeysGivenAsExtraProperties() {
        Map<String, String> props = s3Sink();
        props.put("iceberg.catalog.properties", "s3.path-style-access=true, s3.endpoint=http://elsewhere:1");
        props.put("iceberg.s3.path-style-access", "false");

        assertThat(catalogProperties(props)).containsEntry("s3.path-style-access", "false")
                .containsEntry("s3.endpoint", "http://127.0.0.1:9000");
    }

    @Test
    void aLocalWarehouseKeepsTheCatalogsDefaultFileIoAndGetsNoS3Properties() {
        Map<String, String> props = s3Sink();
        props.put("iceberg.catalog.warehouse", "file:/data/warehouse");
        List.of("iceberg.s3.endpoint", "iceberg.s3.region", "iceberg.s3.access-key-id",
                "iceberg.s3.secret-access-key", "iceberg.s3.path-style-access").forEach(props::remove);

        assertThat(catalogProperties(props)).doesNotContainKeys("io-impl", "s3.endpoint", "client.region",
                "s3.access-key-id", "s3.secret-access-key", "s3.path-style-access");
    }

    @Test
    void anAccessKeyIdWithoutSecretIsReportedUnderTheSecretAndViceVersa() {
        Map<String, String> keyIdOnly = s3Sink();
        keyIdOnly.remove("iceberg.s3.secret-access-key");
        Map<String, String> secretOnly = s3Sink();
        secretOnly.remove("iceberg.s3.access-key-id");

        assertThat(validate(keyIdOnly).get("iceberg.s3.secret-access-key")).containsExactly(
                "iceberg.s3.secret-access-key is required when iceberg.s3.access-key-id is set");
        assertThat(validate(keyIdOnly).get("iceberg.s3.access-key-id")).isEmpty();
        assertThat(validate(secretOnly).get("iceberg.s3.access-key-id")).containsExactly(
                "iceberg.s3.access-key-id is required when iceberg.s3.secret-access-key is set");
        assertThat(validate(secretOnly).get("iceberg.s3.secret-access-key")).isEmpty();
        assertThat(validate(s3Sink()).values()).allSatisfy(errors -> assertThat(errors).isEmpty());
        assertThatThrownBy(() -> new IcebergSinkConfig(secretOnly)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("iceberg.s3.access-key-id is required");
    }

    @Test
    void anEndpointMustBeAnHttpUrl() {
        Map<String, String> props = s3Sink();
        props.put("iceberg.s3.endpoint", "minio:9000");

        assertThat(validate(props).get("iceberg.s3.endpoint")).singleElement().asString()
                .contains("http:// or https://");
        props.put("iceberg.s3.endpoint", "https://s3.eu-central-1.example.com");
        assertThat(validate(props).get("iceberg.s3.endpoint")).isEmpty();
    }

    @Test
    void theSecretIsNeverInConfigDumpsValidationResultsErrorsOrLogs() {
        Map<String, String> secretOnly = s3Sink();
        secretOnly.remove("iceberg.s3.access-key-id");
        StringBuilder logged = new StringBuilder();

        IcebergSinkConfig config = capturingLogs(logged, () -> new IcebergSinkConfig(s3Sink()));
        String configError = stackTrace(catchThrowable(() -> new IcebergSinkConfig(secretOnly)));
        String validation = new TributaryIcebergSinkConnector().validate(secretOnly).configValues().toString();

        assertThat(logged).as("the config dump is logged").contains("iceberg.s3.secret-access-key = [hidden]");
        assertThat(List.of(logged.toString(), config.values().toString(), configError, validation))
                .allSatisfy(text -> assertThat(text).doesNotContain(SECRET));
    }

    @Test
    void everyStorageKeyIsDocumentedInTheStorageGroup() {
        ConfigDef def = ConfigRules.configDef();
        List<String> keys = List.of("iceberg.catalog.io-impl", "iceberg.s3.endpoint", "iceberg.s3.region",
                "iceberg.s3.access-key-id", "iceberg.s3.secret-access-key", "iceberg.s3.path-style-access");

        assertThat(keys).allSatisfy(key -> {
            ConfigDef.ConfigKey configKey = def.configKeys().get(key);
            assertThat(configKey).as(key).isNotNull();
            assertThat(configKey.group).isEqualTo("Storage");
            assertThat(configKey.documentation).isNotBlank();
            assertThat(configKey.displayName).isNotBlank();
        });
        assertThat(def.configKeys().get("iceberg.s3.secret-access-key").type).isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(def.configKeys().get("iceberg.s3.path-style-access").defaultValue).isEqualTo(false);
    }

    private static Throwable catchThrowable(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    private static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** Runs {@code action} with every log event at INFO and above appended, with its stack trace, to {@code out}. */
    private static <T> T capturingLogs(StringBuilder out, Supplier<T> action) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Level level = context.getRootLogger().getLevel();
        AbstractAppender appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                synchronized (out) {
                    out.append(event.getMessage().getFormattedMessage()).append('\n');
                    if (event.getThrown() != null) {
                        out.append(stackTrace(event.getThrown()));
                    }
                }
            }
        };
        appender.start();
        context.getConfiguration().getRootLogger().addAppender(appender, null, null);
        Configurator.setRootLevel(Level.INFO);
        try {
            return action.get();
        } finally {
            context.getConfiguration().getRootLogger().removeAppender(appender.getName());
            Configurator.setRootLevel(level);
            appender.stop();
        }
    }
}
