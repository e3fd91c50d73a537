package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.PluginBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads every plugin of the bundle against the Kafka API jars of the oldest Connect we support (3.9),
 * which has no plugin metrics API (KIP-877), in a class loader that sees nothing else: a plugin that named a
 * newer API outside the guard would fail here with NoClassDefFoundError or NoSuchMethodError.
 */
class OldestConnectCompatibilityIT {

    @TempDir
    static Path pluginPath;

    private static Path bundle;
    private static URLClassLoader oldestConnect;

    @BeforeAll
    static void setUp() throws IOException {
        PluginBundle.unpack(PluginBundle.builtZip(), pluginPath);
        bundle = BundleContents.pluginDir(pluginPath);
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars(Path.of(System.getProperty("tributary.oldest.connect.dir")))) {
            urls.add(jar.toUri().toURL());
        }
        assertThat(urls).as("Kafka 3.9 API jars").hasSize(4);
        for (Path jar : BundleContents.libJars(bundle)) {
            urls.add(jar.toUri().toURL());
        }
        oldestConnect = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void theLoaderReallyIsKafka39() throws Exception {
        Class<?> appInfo = oldestConnect.loadClass("org.apache.kafka.common.utils.AppInfoParser");
        assertThat((String) appInfo.getMethod("getVersion").invoke(null)).startsWith("3.9.");
        assertThat(oldestConnect.getResource("org/apache/kafka/common/metrics/PluginMetrics.class")).isNull();
    }

    @Test
    void everyPluginLoadsReportsItsVersionAndConfig() throws Exception {
        Map<String, String> plugins = BundleContents.registeredPlugins(bundle);
        assertThat(plugins).isNotEmpty();
        for (String className : plugins.keySet()) {
            Class<?> type = Class.forName(className, true, oldestConnect);
            Object plugin = type.getConstructor().newInstance();

            assertThat(type.getMethod("version").invoke(plugin)).as(className).isEqualTo(BundleContents.VERSION);
            Object configDef = type.getMethod("config").invoke(plugin);
            assertThat(configDef.getClass().getClassLoader()).as(className).isSameAs(oldestConnect);
            if (plugins.get(className).equals("source") || plugins.get(className).equals("sink")) {
                Object config = type.getMethod("validate", Map.class).invoke(plugin, Map.of());
                assertThat(config).as(className).isNotNull();
                Class<?> taskClass = (Class<?>) type.getMethod("taskClass").invoke(plugin);
                assertThat(taskClass.getMethod("version").invoke(taskClass.getConstructor().newInstance()))
                        .isEqualTo(BundleContents.VERSION);
            }
        }
    }

    @Test
    void metricsAreSilentlyUnpublishedOnAWorkerWithoutKip877() throws Exception {
        Class<?> sinkTaskContext = oldestConnect.loadClass("org.apache.kafka.connect.sink.SinkTaskContext");
        Object context = Proxy.newProxyInstance(oldestConnect, new Class<?>[] {sinkTaskContext}, (proxy, method, args) -> {
            throw new AssertionError("the guard must not call " + method.getName() + " on a 3.9 worker");
        });
        Class<?> workerMetrics = oldestConnect.loadClass("io.tributary.connect.smt.plugin.WorkerMetrics");

        Object metrics = workerMetrics.getMethod("of", sinkTaskContext).invoke(null, context);
        Method gauge = workerMetrics.getMethod("gauge", String.class, String.class, Map.class,
                java.util.function.Supplier.class);
        gauge.invoke(metrics, "rows", "Rows", Map.of(), (java.util.function.Supplier<Number>) () -> 1);

        assertThat(workerMetrics.getMethod("published").invoke(metrics)).isEqualTo(false);
    }

    private static List<Path> jars(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
