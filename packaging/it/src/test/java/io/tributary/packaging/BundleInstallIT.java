package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.testkit.Closeables;
import io.tributary.testkit.ConnectCluster;
import io.tributary.testkit.ConnectRest;
import io.tributary.testkit.ConnectRest.PluginInfo;
import io.tributary.testkit.ConnectRest.Validation;
import io.tributary.testkit.PluginBundle;
import io.tributary.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs the built zip the way a user does — unzip into plugin.path — in a real distributed worker that
 * finds plugins only through ServiceLoader, and checks what the worker sees over REST.
 */
class BundleInstallIT {

    @TempDir
    static Path pluginPath;

    /** Where the shipped retail configs expect their database. */
    private static final String RETAIL_DATABASE = "jdbc:postgresql://localhost:5432/retail";

    private static ConnectCluster cluster;
    private static ConnectRest rest;
    private static Map<String, String> registered;
    /** The shop database the retail JDBC sources validate against: the tables of retail/schema.sql. */
    private static TestPostgres postgres;
    private static String retailUrl;

    @BeforeAll
    static void installBundle() throws Exception {
        PluginBundle.unpack(PluginBundle.builtZip(), pluginPath);
        registered = BundleContents.registeredPlugins(BundleContents.pluginDir(pluginPath));
        // Exactly-once source support, as the retail README asks of the workers.
        cluster = ConnectCluster.builder().pluginPath(pluginPath).exactlyOnceSource().start();
        rest = cluster.rest();
        postgres = TestPostgres.start();
        retailUrl = postgres.createDatabase("retail");
        Path schema = Path.of(System.getProperty("tributary.connector.configs"), "retail", "schema.sql");
        try (Connection connection = postgres.connect("retail"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE retail LOGIN PASSWORD 'retail'");
            statement.execute(Files.readString(schema));
            statement.execute("GRANT SELECT ON public.orders, public.users TO retail");
        }
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(cluster, postgres);
    }

    @Test
    void pluginsAreNotOnTheTestClasspathSoIsolationIsReal() {
        assertThat(registered).isNotEmpty();
        for (String className : registered.keySet()) {
            assertThatThrownBy(() -> Class.forName(className)).as(className)
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void workerListsEveryPluginOfTheBundleWithOurVersion() {
        Map<String, PluginInfo> listed = rest.connectorPlugins().stream()
                .collect(Collectors.toMap(PluginInfo::className, Function.identity(), (a, b) -> a));

        assertThat(registered).hasSizeGreaterThanOrEqualTo(6);
        registered.forEach((className, type) -> {
            assertThat(listed).as("plugins listed by the worker").containsKey(className);
            assertThat(listed.get(className).type()).as(className).isEqualTo(type);
            assertThat(listed.get(className).version()).as(className).isEqualTo(BundleContents.VERSION);
        });
    }

    @Test
    void everyShippedConfigValidatesCleanly() {
        List<Path> files = ConnectorConfigFiles.list(Path.of(System.getProperty("tributary.connector.configs")));
        assertThat(files).as("connector-configs/ must hold at least one config").isNotEmpty();

        for (Path file : files) {
            Map<String, String> config = ConnectorConfigFiles.config(file);
            config.replaceAll((key, value) -> value.replace(RETAIL_DATABASE, retailUrl));
            Validation validation = rest.validate(config.get("connector.class"), config);

            assertThat(validation.failures()).as(file.toString()).isEmpty();
            assertThat(validation.errorCount()).as(file.toString()).isZero();
        }
    }

    @Test
    void validationReportsBadConfigsUnderTheirKeys() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.tributary.connect.iceberg.TributaryIcebergSinkConnector");
        config.put("topics", "clicks");
        config.put("iceberg.catalog.type", "jdbc");
        config.put("iceberg.tables", "clicks");
        config.put("transforms", "eventTime");
        config.put("transforms.eventTime.type", "io.tributary.connect.smt.EventTime$Value");
        config.put("transforms.eventTime.format", "fortnights");

        Validation validation = rest.validate(config.get("connector.class"), config);

        assertThat(validation.failures()).containsKeys("iceberg.catalog.uri", "iceberg.catalog.warehouse",
                "iceberg.tables", "transforms.eventTime.field", "transforms.eventTime.format");
        assertThat(validation.errorCount()).isEqualTo(validation.failures().size());
    }
}
