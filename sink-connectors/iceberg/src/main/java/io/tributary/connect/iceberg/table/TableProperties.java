package io.tributary.connect.iceberg.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Iceberg table properties for tables the connector creates, configured as {@code key=value} entries, e.g.
 * {@code write.target-file-size-bytes=134217728, commit.retry.num-retries=10}.
 *
 * <p>Only syntax is checked here. Iceberg itself accepts any key, and rejects a bad value of a known one when
 * the table is created, so a typo in a key name goes unnoticed by both.
 */
public final class TableProperties {

    /** The accepted syntax; part of every parse error and of the generated config docs. */
    public static final String SYNTAX = "key=value, key=value, ... (a value cannot contain a comma outside "
            + "brackets)";

    /**
     * Version 2 has the row-level deletes that upserts need and is read by every current engine. Pinned rather
     * than left to Iceberg's default, which was 1 before Iceberg 1.4 and will move on to 3 (which older readers
     * cannot read), and to catalog-side {@code table-default.*} settings.
     */
    static final String FORMAT_VERSION = "format-version";
    static final String DEFAULT_FORMAT_VERSION = "2";
    /** Smaller files than gzip at similar CPU cost. Iceberg stamps it on new tables too, but only since 1.4. */
    static final String PARQUET_COMPRESSION = "write.parquet.compression-codec";
    static final String DEFAULT_PARQUET_COMPRESSION = "zstd";

    private TableProperties() {
    }

    /**
     * Parses a LIST config value of {@code key=value} entries. Keys and values are stripped of surrounding
     * whitespace; a value may be empty and may contain '='.
     *
     * @return the properties, in configured order, unmodifiable
     * @throws IllegalArgumentException for an entry without '=', an empty key, or a key set twice
     */
    public static Map<String, String> parse(List<String> entries) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String entry : split(entries)) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("Table property '" + entry + "' has no '='. Accepted: "
                        + SYNTAX);
            }
            String key = entry.substring(0, equals).strip();
            String value = entry.substring(equals + 1).strip();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("Table property '" + entry + "' has an empty key. Accepted: "
                        + SYNTAX);
            }
            String earlier = properties.putIfAbsent(key, value);
            if (earlier != null) {
                throw new IllegalArgumentException("Table property '" + key + "' is set twice: '" + earlier
                        + "' and '" + value + "'");
            }
        }
        return Collections.unmodifiableMap(properties);
    }

    /** A validator for a LIST key holding table properties; its {@code toString()} documents the syntax. */
    public static ConfigDef.Validator validator() {
        return new ListSyntaxValidator(TableProperties::parse, SYNTAX);
    }

    /**
     * The user's properties plus the connector's defaults for the keys the user did not set:
     * {@code format-version=2} and {@code write.parquet.compression-codec=zstd}.
     *
     * @return a new unmodifiable map; the user's entries win
     */
    public static Map<String, String> withDefaults(Map<String, String> user) {
        Map<String, String> properties = new LinkedHashMap<>(user);
        properties.putIfAbsent(FORMAT_VERSION, DEFAULT_FORMAT_VERSION);
        properties.putIfAbsent(PARQUET_COMPRESSION, DEFAULT_PARQUET_COMPRESSION);
        return Collections.unmodifiableMap(properties);
    }

    private static List<String> split(List<String> entries) {
        try {
            return TermList.split(entries);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid table properties: " + e.getMessage(), e);
        }
    }
}
