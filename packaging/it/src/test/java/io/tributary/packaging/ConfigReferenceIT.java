package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.PluginBundle;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/config-reference.md is generated from the ConfigDefs of the plugins as they ship in the zip, so the
 * documentation cannot drift from the code. The test fails when the file is stale; regenerate it with
 * {@code mvn verify -pl packaging/it -am -Dtributary.docs.regenerate=true}.
 */
class ConfigReferenceIT {

    @TempDir
    static Path pluginPath;

    @Test
    void configReferenceIsUpToDate() throws Exception {
        PluginBundle.unpack(PluginBundle.builtZip(), pluginPath);
        Path bundle = BundleContents.pluginDir(pluginPath);
        Map<String, String> plugins = BundleContents.registeredPlugins(bundle);
        List<URL> urls = new ArrayList<>();
        for (Path jar : BundleContents.libJars(bundle)) {
            urls.add(jar.toUri().toURL());
        }
        String generated;
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader())) {
            generated = render(plugins, loader);
        }

        Path reference = Path.of(System.getProperty("tributary.docs.dir"), "config-reference.md");
        if (Boolean.getBoolean("tributary.docs.regenerate")) {
            Files.writeString(reference, generated, StandardCharsets.UTF_8);
        }
        assertThat(reference).as("docs/config-reference.md is stale: regenerate it with "
                + "mvn verify -pl packaging/it -am -Dtributary.docs.regenerate=true").exists();
        assertThat(Files.readString(reference, StandardCharsets.UTF_8)).as("docs/config-reference.md is stale: "
                + "regenerate it with mvn verify -pl packaging/it -am -Dtributary.docs.regenerate=true")
                .isEqualTo(generated);
    }

    private static String render(Map<String, String> plugins, ClassLoader loader) throws Exception {
        StringBuilder doc = new StringBuilder("""
                # Configuration reference

                Generated from each plugin's ConfigDef, as shipped in the bundle, by `ConfigReferenceIT`
                (packaging/it); do not edit by hand. Connect's own keys (`name`, `tasks.max`, `topics`,
                `transforms`, converters, error handling) are documented by Apache Kafka.
                """);
        List<Map.Entry<String, String>> ordered = plugins.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, String> e) -> typeOrder(e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .toList();
        for (Map.Entry<String, String> plugin : ordered) {
            Class<?> type = Class.forName(plugin.getKey(), true, loader);
            ConfigDef configDef = (ConfigDef) type.getMethod("config").invoke(type.getConstructor().newInstance());
            doc.append("\n## `").append(plugin.getKey()).append("` (").append(plugin.getValue()).append(")\n");
            renderKeys(configDef, doc);
        }
        return doc.toString();
    }

    private static void renderKeys(ConfigDef configDef, StringBuilder doc) {
        Map<String, List<ConfigKey>> byGroup = configDef.configKeys().values().stream()
                .collect(Collectors.groupingBy(key -> key.group == null ? "" : key.group));
        List<String> groups = new ArrayList<>(configDef.groups());
        byGroup.keySet().stream().filter(group -> !groups.contains(group)).sorted().forEach(groups::add);
        for (String group : groups) {
            List<ConfigKey> keys = byGroup.getOrDefault(group, List.of()).stream()
                    .sorted(Comparator.comparingInt((ConfigKey key) -> key.orderInGroup).thenComparing(key -> key.name))
                    .toList();
            if (keys.isEmpty()) {
                continue;
            }
            if (!group.isEmpty()) {
                doc.append("\n### ").append(group).append('\n');
            }
            doc.append("\n| Key | Type | Default | Valid values | Importance | Description |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (ConfigKey key : keys) {
                doc.append("| `").append(key.name).append("` | ")
                        .append(key.type.name().toLowerCase()).append(" | ")
                        .append(cell(defaultOf(key))).append(" | ")
                        .append(cell(key.validator == null ? "" : key.validator.toString())).append(" | ")
                        .append(key.importance.name().toLowerCase()).append(" | ")
                        .append(cell(key.documentation)).append(" |\n");
            }
        }
    }

    private static String defaultOf(ConfigKey key) {
        if (!key.hasDefault()) {
            return "required";
        }
        if (key.defaultValue == null) {
            return "";
        }
        if (key.type == ConfigDef.Type.PASSWORD) {
            return "[hidden]";
        }
        String value = ConfigDef.convertToString(key.defaultValue, key.type);
        return value.isEmpty() ? "\"\"" : "`" + value + "`";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }

    private static int typeOrder(String type) {
        return List.of("source", "sink", "transformation", "predicate").indexOf(type);
    }
}
