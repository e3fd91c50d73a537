package io.tributary.packaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** What an unpacked bundle holds: its jars and the plugins they register for ServiceLoader. */
final class BundleContents {

    static final String VERSION = System.getProperty("tributary.expected.version");
    static final String SERVICES = "META-INF/services/";

    /** Plugin interface -> Connect's REST type name for it. */
    static final Map<String, String> PLUGIN_TYPES = Map.of(
            "org.apache.kafka.connect.source.SourceConnector", "source",
            "org.apache.kafka.connect.sink.SinkConnector", "sink",
            "org.apache.kafka.connect.transforms.Transformation", "transformation",
            "org.apache.kafka.connect.transforms.predicates.Predicate", "predicate");

    private BundleContents() {
    }

    /** The directory a user's {@code unzip -d <plugin.path>} leaves. */
    static Path pluginDir(Path pluginPath) {
        return pluginPath.resolve("tributary-connect-" + VERSION);
    }

    static List<Path> libJars(Path pluginDir) {
        try (Stream<Path> files = Files.list(pluginDir.resolve("lib"))) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Class name -> Connect plugin type, for every plugin our own jars register. */
    static Map<String, String> registeredPlugins(Path pluginDir) {
        Map<String, String> plugins = new TreeMap<>();
        for (Path jar : libJars(pluginDir)) {
            if (!jar.getFileName().toString().startsWith("tributary-")) {
                continue;
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                PLUGIN_TYPES.forEach((service, type) -> {
                    JarEntry entry = file.getJarEntry(SERVICES + service);
                    if (entry != null) {
                        readLines(file, entry).forEach(className -> plugins.put(className, type));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return plugins;
    }

    /** Every class file name in our own jars, as class names. */
    static List<String> ourClasses(Path pluginDir) {
        List<String> classes = new ArrayList<>();
        for (Path jar : libJars(pluginDir)) {
            if (!jar.getFileName().toString().startsWith("tributary-")) {
                continue;
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    String name = entries.nextElement().getName();
                    if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                        classes.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classes;
    }

    private static List<String> readLines(JarFile file, JarEntry entry) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
            return reader.lines().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
