package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.testkit.PluginBundle;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip's layout, manifest and jars, checked without starting anything. */
class BundleLayoutIT {

    private static final Set<String> WORKER_JARS = Set.of(
            "kafka-clients", "connect-api", "connect-runtime", "connect-json", "connect-transforms", "slf4j-api");

    @TempDir
    static Path pluginPath;

    private static Path bundle;

    @BeforeAll
    static void unpack() {
        PluginBundle.unpack(PluginBundle.builtZip(), pluginPath);
        bundle = BundleContents.pluginDir(pluginPath);
    }

    @Test
    void unpacksIntoOneVersionedDirectory() throws IOException {
        try (Stream<Path> top = Files.list(pluginPath)) {
            assertThat(top.map(p -> p.getFileName().toString()))
                    .containsExactly("tributary-connect-" + BundleContents.VERSION);
        }
        assertThat(bundle.resolve("manifest.json")).isRegularFile();
        assertThat(bundle.resolve("lib")).isDirectory();
        assertThat(bundle.resolve("etc")).isDirectory();
        assertThat(bundle.resolve("doc")).isDirectory();
    }

    @Test
    void manifestDescribesTheComponent() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());

        assertThat(manifest.path("name").asText()).isEqualTo("tributary-connect");
        assertThat(manifest.path("version").asText()).isEqualTo(BundleContents.VERSION);
        for (String field : List.of("title", "description", "documentation_url", "source_url")) {
            assertThat(manifest.path(field).asText()).as(field).isNotBlank().doesNotContain("${");
        }
        assertThat(manifest.path("owner").path("username").asText()).isNotBlank();
        assertThat(manifest.path("component_types")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("source", "sink", "transform", "predicate");
        assertThat(manifest.path("features").path("delivery_guarantee")).extracting(JsonNode::asText)
                .contains("exactly_once");
        assertThat(manifest.path("license").get(0).path("name").asText()).contains("Apache");
        assertThat(manifest.path("release_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void libHoldsOurJarsAndNoneOfTheWorkers() {
        List<String> jars = BundleContents.libJars(bundle).stream()
                .map(jar -> jar.getFileName().toString()).toList();

        assertThat(jars).contains(
                "tributary-smt-" + BundleContents.VERSION + ".jar",
                "tributary-jdbc-source-" + BundleContents.VERSION + ".jar",
                "tributary-events-source-" + BundleContents.VERSION + ".jar",
                "tributary-iceberg-sink-" + BundleContents.VERSION + ".jar");
        assertThat(jars).as("jars the worker provides").noneMatch(jar -> WORKER_JARS.stream()
                .anyMatch(worker -> jar.matches(worker.replace("-", "\\-") + "-\\d.*\\.jar")));
        assertThat(jars).noneMatch(jar -> jar.startsWith("kafka_") || jar.startsWith("log4j-slf4j")
                || jar.startsWith("reload4j") || jar.startsWith("slf4j-"));
        assertThat(jars).as("Hadoop's servlet API and Jersey break the worker's Jetty 12")
                .noneMatch(jar -> jar.startsWith("javax.servlet")
                        || jar.startsWith("jersey-core") || jar.startsWith("jersey-server"));
        assertThat(jars).as("no Jetty 9 from Hadoop: only the events source's Jetty 12 core, without servlets")
                .filteredOn(jar -> jar.startsWith("jetty-"))
                .allMatch(jar -> jar.matches("jetty-(server|http|io|util)-12\\..*\\.jar"))
                .anyMatch(jar -> jar.startsWith("jetty-server-12."));
    }

    @Test
    void etcHoldsEveryConnectorConfigAndDocTheReadmeLicenseAndVersion() throws IOException {
        Path configs = Path.of(System.getProperty("tributary.connector.configs"));
        List<Path> sources = ConnectorConfigFiles.list(configs);
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            Path shipped = bundle.resolve("etc").resolve(configs.relativize(source).toString());
            assertThat(shipped).as(shipped.toString()).hasSameBinaryContentAs(source);
        }
        assertThat(bundle.resolve("doc/README.md")).isRegularFile();
        assertThat(bundle.resolve("doc/LICENSE")).content().contains("Apache License");
        assertThat(bundle.resolve("doc/version.txt")).content().isEqualToIgnoringWhitespace(BundleContents.VERSION);
    }

    /**
     * Every concrete public connector, transform and predicate in our jars is registered for ServiceLoader
     * (KIP-898), or a worker with plugin.discovery=service_load would not see it; and nothing registered is
     * missing or abstract.
     */
    @Test
    void everyPluginClassIsRegisteredForServiceLoading() throws Exception {
        Map<String, String> registered = BundleContents.registeredPlugins(bundle);
        List<URL> urls = new ArrayList<>();
        for (Path jar : BundleContents.libJars(bundle)) {
            urls.add(jar.toUri().toURL());
        }
        List<String> found = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader())) {
            List<Class<?>> pluginInterfaces = new ArrayList<>();
            for (String name : BundleContents.PLUGIN_TYPES.keySet()) {
                pluginInterfaces.add(Class.forName(name, false, loader));
            }
            for (String className : BundleContents.ourClasses(bundle)) {
                Class<?> type = Class.forName(className, false, loader);
                boolean concrete = Modifier.isPublic(type.getModifiers()) && !type.isInterface()
                        && !Modifier.isAbstract(type.getModifiers());
                if (concrete && pluginInterfaces.stream().anyMatch(i -> i.isAssignableFrom(type))) {
                    found.add(className);
                }
            }
        }

        assertThat(found).isNotEmpty();
        assertThat(registered.keySet()).containsExactlyInAnyOrderElementsOf(found);
        assertThat(registered.values().stream().collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("source", "sink", "transformation", "predicate");
    }
}
