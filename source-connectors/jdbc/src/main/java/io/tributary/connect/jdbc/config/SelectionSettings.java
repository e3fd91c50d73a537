package io.tributary.connect.jdbc.config;

import io.tributary.connect.jdbc.catalog.TableFilter;
import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.dialect.CustomQuery;
import io.tributary.connect.smt.config.ConfigProblem;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * What is read and where it goes: explicit tables, include/exclude patterns over the catalog, or one custom
 * query (exactly one of the three), and the topic each lands in.
 */
public final class SelectionSettings {

    public static final String TABLES = "tables";
    public static final String TABLE_INCLUDE = "table.include";
    public static final String TABLE_EXCLUDE = "table.exclude";
    public static final String QUERY = "query";
    public static final String QUERY_NAME = "query.name";
    public static final String TOPIC_TEMPLATE = "topic.template";
    public static final String TOPIC_PARTITIONS = "topic.partitions";
    public static final String TABLES_REFRESH_INTERVAL_MS = "tables.refresh.interval.ms";

    /** How tables are chosen. */
    public enum Style { TABLES, PATTERNS, QUERY }

    private static final String GROUP = "Tables";
    private static final Pattern QUERY_NAME_PATTERN = Pattern.compile("[A-Za-z0-9_.-]+");

    private final AbstractConfig config;

    SelectionSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(TABLES, Type.LIST, "", Importance.HIGH,
                        "Tables to read, as 'schema.table' or 'table' (double quotes around a part holding a dot). "
                                + "Set this, or " + TABLE_INCLUDE + "/" + TABLE_EXCLUDE + ", or " + QUERY + ".",
                        GROUP, 1, Width.LONG, "Tables")
                .define(TABLE_INCLUDE, Type.STRING, null, Importance.HIGH,
                        "Read every table whose 'schema.table' name (just 'table' on SQLite) fully matches this "
                                + "Java regular expression, e.g. 'shop\\..*'. Tables added or dropped later are "
                                + "picked up every " + TABLES_REFRESH_INTERVAL_MS + ".",
                        GROUP, 2, Width.LONG, "Include tables (regex)")
                .define(TABLE_EXCLUDE, Type.STRING, null, Importance.MEDIUM,
                        "Leave out tables whose name fully matches this regular expression. Alone, it means every "
                                + "table but these.",
                        GROUP, 3, Width.LONG, "Exclude tables (regex)")
                .define(QUERY, Type.STRING, null, Importance.HIGH,
                        "One SELECT to read instead of tables; it may carry its own WHERE and ORDER BY (it is "
                                + "wrapped as a subquery). Needs " + QUERY_NAME + ".",
                        GROUP, 4, Width.LONG, "Custom query")
                .define(QUERY_NAME, Type.STRING, null, Importance.HIGH,
                        "Name of the custom query: its source partition ({\"query\": \"<name>\"}), its snapshots' "
                                + "table header and ${table} in " + TOPIC_TEMPLATE + ". Letters, digits, '_', '.', '-'.",
                        GROUP, 5, Width.MEDIUM, "Query name")
                .define(TOPIC_TEMPLATE, Type.STRING, "${table}", new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Topic of each table; '${schema}' and '${table}' are replaced ('${schema}' is empty where "
                                + "the database has no schemas; for a query '${table}' is " + QUERY_NAME + "), "
                                + "e.g. 'shop.${table}'.",
                        GROUP, 6, Width.MEDIUM, "Topic template")
                .define(TOPIC_PARTITIONS, Type.INT, 1, Range.between(1, 10_000), Importance.MEDIUM,
                        "N: snapshot rows are spread over partitions 0..N-1 of each topic by a stable hash of their "
                                + "key, and each snapshot ends with one marker per partition. Every topic must have "
                                + "at least N partitions.",
                        GROUP, 7, Width.SHORT, "Topic partitions")
                .define(TABLES_REFRESH_INTERVAL_MS, Type.LONG, 60_000L, Range.atLeast(1_000L), Importance.LOW,
                        "How often the connector lists the database's tables again to find tables that "
                                + TABLE_INCLUDE + "/" + TABLE_EXCLUDE + " now select or no longer select.",
                        GROUP, 8, Width.SHORT, "Table refresh interval (ms)");
    }

    /** Exactly one selection style; each problem is reported on the key that needs changing. */
    static void problems(Function<String, String> values, List<ConfigProblem> problems) {
        boolean tables = isSet(values.apply(TABLES));
        boolean patterns = isSet(values.apply(TABLE_INCLUDE)) || isSet(values.apply(TABLE_EXCLUDE));
        boolean query = isSet(values.apply(QUERY));
        int styles = (tables ? 1 : 0) + (patterns ? 1 : 0) + (query ? 1 : 0);
        if (styles == 0) {
            problems.add(new ConfigProblem(TABLES, "Choose what to read: set " + TABLES + " (a list of tables), "
                    + TABLE_INCLUDE + "/" + TABLE_EXCLUDE + " (patterns), or " + QUERY + " (a custom query)"));
        } else if (styles > 1) {
            String message = "Set only one of " + TABLES + ", " + TABLE_INCLUDE + "/" + TABLE_EXCLUDE + " and "
                    + QUERY;
            if (patterns) {
                problems.add(new ConfigProblem(isSet(values.apply(TABLE_INCLUDE)) ? TABLE_INCLUDE : TABLE_EXCLUDE,
                        message));
            }
            if (query) {
                problems.add(new ConfigProblem(QUERY, message));
            }
        }
        if (tables) {
            checkTableNames(values.apply(TABLES), problems);
        }
        checkPattern(TABLE_INCLUDE, values.apply(TABLE_INCLUDE), problems);
        checkPattern(TABLE_EXCLUDE, values.apply(TABLE_EXCLUDE), problems);
        if (query) {
            try {
                CustomQuery.of(values.apply(QUERY));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(QUERY, e.getMessage()));
            }
            String name = values.apply(QUERY_NAME);
            if (!isSet(name)) {
                problems.add(new ConfigProblem(QUERY_NAME, "A custom query needs a name: it names the query's "
                        + "offsets, its snapshots and its topic"));
            } else if (!QUERY_NAME_PATTERN.matcher(name.trim()).matches()) {
                problems.add(new ConfigProblem(QUERY_NAME, "Use letters, digits, '_', '.' and '-' only"));
            }
        } else if (isSet(values.apply(QUERY_NAME))) {
            problems.add(new ConfigProblem(QUERY_NAME, QUERY_NAME + " names a custom query; set " + QUERY
                    + " too, or remove it"));
        }
    }

    private static void checkTableNames(String list, List<ConfigProblem> problems) {
        for (String name : list.split(",")) {
            if (name.isBlank()) {
                problems.add(new ConfigProblem(TABLES, "The list of tables has an empty entry"));
                continue;
            }
            try {
                TableId.parse(name);
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(TABLES, e.getMessage()));
            }
        }
    }

    private static void checkPattern(String key, String regex, List<ConfigProblem> problems) {
        if (isSet(regex)) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                problems.add(new ConfigProblem(key, "Not a valid regular expression: " + e.getDescription()));
            }
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    public Style style() {
        if (isSet(config.getString(QUERY))) {
            return Style.QUERY;
        }
        return config.getList(TABLES).isEmpty() ? Style.PATTERNS : Style.TABLES;
    }

    public List<TableId> tables() {
        return config.getList(TABLES).stream().map(TableId::parse).toList();
    }

    public TableFilter filter() {
        return TableFilter.of(config.getString(TABLE_INCLUDE), config.getString(TABLE_EXCLUDE));
    }

    public CustomQuery query() {
        return CustomQuery.of(config.getString(QUERY));
    }

    public String queryName() {
        String name = config.getString(QUERY_NAME);
        return name == null ? null : name.trim();
    }

    public String topicTemplate() {
        return config.getString(TOPIC_TEMPLATE);
    }

    /** The topic of a table, or of the query when {@code schema} is null and {@code table} is its name. */
    public String topicFor(String schema, String table) {
        return topicTemplate().replace("${schema}", schema == null ? "" : schema).replace("${table}", table);
    }

    public int topicPartitions() {
        return config.getInt(TOPIC_PARTITIONS);
    }

    public Duration refreshInterval() {
        return Duration.ofMillis(config.getLong(TABLES_REFRESH_INTERVAL_MS));
    }
}
