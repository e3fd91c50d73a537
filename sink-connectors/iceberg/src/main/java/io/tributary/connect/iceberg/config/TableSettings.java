package io.tributary.connect.iceberg.config;

import io.tributary.connect.iceberg.convert.TimestampMode;
import io.tributary.connect.iceberg.table.PartitionTerms;
import io.tributary.connect.iceberg.table.SortTerms;
import io.tributary.connect.iceberg.table.TableProperties;
import io.tributary.connect.smt.config.ConfigProblem;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Which tables records go to, and how tables the sink creates are laid out. */
public final class TableSettings {

    public static final String TABLES = "iceberg.tables";
    public static final String ROUTE = "iceberg.tables.route";
    public static final String ROUTE_FIELD = "iceberg.tables.route.field";
    public static final String TOPIC_REGEX = "iceberg.tables.route.topic-regex";
    public static final String TABLE_TEMPLATE = "iceberg.tables.route.table-template";
    public static final String DEFAULT_NAMESPACE = "iceberg.tables.default-namespace";
    public static final String ROUTE_ALLOW_REGEX = "iceberg.tables.route.allow-regex";
    public static final String AUTO_CREATE = "iceberg.tables.auto-create";
    public static final String PARTITION_BY = "iceberg.tables.partition-by";
    public static final String SORT_BY = "iceberg.tables.sort-by";
    public static final String PROPERTIES = "iceberg.tables.properties";
    public static final String EVOLVE_SCHEMA = "iceberg.tables.evolve-schema";
    public static final String TIMESTAMP_TYPE = "iceberg.tables.timestamp-type";
    public static final String VALUE_FORMAT = "iceberg.tables.value-format";

    private static final String ROUTING_GROUP = "Tables";
    private static final String LAYOUT_GROUP = "Table layout";

    /** How a record's target tables are chosen. */
    public enum Route {
        /** Every record goes to every table in {@code iceberg.tables}. */
        STATIC,
        /** A field of the record names the table. */
        FIELD,
        /** The topic name, rewritten by a regex, names the table. */
        TOPIC;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the record values the sink receives are. */
    public enum ValueFormat {
        /** Whatever the value converter made: a Struct with a schema, or a schemaless Map. */
        CONVERTER,
        /** JSON object text, as bytes or a string, that the sink parses itself. */
        JSON;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final AbstractConfig config;

    public TableSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(ROUTE, Type.STRING, Route.STATIC.configValue(), ConfigDef.CaseInsensitiveValidString.in(
                        Route.STATIC.configValue(), Route.FIELD.configValue(), Route.TOPIC.configValue()),
                        Importance.HIGH, "How each record's table is chosen: 'static' writes every record to every "
                                + "table in " + TABLES + "; 'field' reads the table name from " + ROUTE_FIELD
                                + "; 'topic' derives it from the topic name with " + TOPIC_REGEX + " and "
                                + TABLE_TEMPLATE + ".",
                        ROUTING_GROUP, 1, Width.SHORT, "Routing")
                .define(TABLES, Type.LIST, "", Importance.HIGH,
                        "Tables every record is written to when routing is 'static', as 'namespace.table'.",
                        ROUTING_GROUP, 2, Width.LONG, "Tables")
                .define(ROUTE_FIELD, Type.STRING, null, Importance.MEDIUM,
                        "With 'field' routing: the (dotted) field whose value names the table, as "
                                + "'namespace.table' or 'table'.",
                        ROUTING_GROUP, 3, Width.MEDIUM, "Routing field")
                .define(TOPIC_REGEX, Type.STRING, "(.*)", new RegexValidator(), Importance.MEDIUM,
                        "With 'topic' routing: a regex the whole topic name must match; its groups feed "
                                + TABLE_TEMPLATE + ".",
                        ROUTING_GROUP, 4, Width.MEDIUM, "Topic regex")
                .define(TABLE_TEMPLATE, Type.STRING, "$1", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "With 'topic' routing: the table name, with $1, $2... replaced by the regex groups, e.g. "
                                + "'analytics.$1'. The default makes topic 'web.clicks' table 'web.clicks'.",
                        ROUTING_GROUP, 5, Width.MEDIUM, "Table template")
                .define(DEFAULT_NAMESPACE, Type.STRING, "default", new ConfigDef.NonEmptyString(), Importance.LOW,
                        "Namespace of routed table names that have none.",
                        ROUTING_GROUP, 6, Width.SHORT, "Default namespace")
                .define(ROUTE_ALLOW_REGEX, Type.STRING, ".*", new RegexValidator(), Importance.MEDIUM,
                        "With 'field' or 'topic' routing: a regex the routed 'namespace.table' must match, or the "
                                + "record takes the error path. Keeps a bad field value from creating tables, e.g. "
                                + "'web\\.(clicks|views)'.",
                        ROUTING_GROUP, 7, Width.MEDIUM, "Allowed tables")
                .define(AUTO_CREATE, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Create missing namespaces and tables from the first record's schema.",
                        LAYOUT_GROUP, 1, Width.SHORT, "Create tables")
                .define(PARTITION_BY, Type.LIST, "", PartitionTerms.validator(), Importance.MEDIUM,
                        "Partition spec of created tables, e.g. 'day(order_ts), bucket(16, customer_id)'. "
                                + "Existing tables keep their spec.",
                        LAYOUT_GROUP, 2, Width.LONG, "Partition by")
                .define(SORT_BY, Type.LIST, "", SortTerms.validator(), Importance.LOW,
                        "Sort order of created tables, e.g. 'customer_id, order_ts desc'.",
                        LAYOUT_GROUP, 3, Width.LONG, "Sort by")
                .define(PROPERTIES, Type.LIST, "", TableProperties.validator(), Importance.LOW,
                        "Properties of created tables as key=value entries. format-version defaults to 2.",
                        LAYOUT_GROUP, 4, Width.LONG, "Table properties")
                .define(EVOLVE_SCHEMA, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Add new columns, widen int to long and float to double, and make columns optional "
                                + "when records need it. When false, such records take the error path.",
                        LAYOUT_GROUP, 5, Width.SHORT, "Evolve schema")
                .define(TIMESTAMP_TYPE, Type.STRING, "timestamptz",
                        ConfigDef.CaseInsensitiveValidString.in("timestamptz", "timestamp"), Importance.LOW,
                        "Iceberg type for Connect Timestamp fields and schemaless dates: 'timestamptz' (an "
                                + "instant, the default) or 'timestamp' (UTC wall-clock time without zone).",
                        LAYOUT_GROUP, 6, Width.SHORT, "Timestamp type")
                .define(VALUE_FORMAT, Type.STRING, ValueFormat.CONVERTER.configValue(),
                        ConfigDef.CaseInsensitiveValidString.in(ValueFormat.CONVERTER.configValue(),
                                ValueFormat.JSON.configValue()), Importance.LOW,
                        "What record values are: 'converter' (the default) takes what the connector's "
                                + "value.converter made, Structs with schemas or schemaless Maps; 'json' takes JSON "
                                + "objects as bytes or text (value.converter=org.apache.kafka.connect.converters."
                                + "ByteArrayConverter or ...storage.StringConverter) and parses them straight into "
                                + "rows: the same rows as JsonConverter with schemas.enable=false, faster.",
                        ROUTING_GROUP, 8, Width.SHORT, "Value format");
    }

    public Route route() {
        return Route.valueOf(config.getString(ROUTE).toUpperCase(Locale.ROOT));
    }

    public List<String> tables() {
        return config.getList(TABLES);
    }

    public String routeField() {
        return config.getString(ROUTE_FIELD);
    }

    public Pattern topicRegex() {
        return Pattern.compile(config.getString(TOPIC_REGEX));
    }

    public String tableTemplate() {
        return config.getString(TABLE_TEMPLATE);
    }

    public Pattern routeAllowRegex() {
        return Pattern.compile(config.getString(ROUTE_ALLOW_REGEX));
    }

    public String defaultNamespace() {
        return config.getString(DEFAULT_NAMESPACE);
    }

    public boolean autoCreate() {
        return config.getBoolean(AUTO_CREATE);
    }

    public PartitionTerms partitionBy() {
        return PartitionTerms.parse(config.getList(PARTITION_BY));
    }

    public SortTerms sortBy() {
        return SortTerms.parse(config.getList(SORT_BY));
    }

    public Map<String, String> tableProperties() {
        return TableProperties.withDefaults(TableProperties.parse(config.getList(PROPERTIES)));
    }

    public boolean evolveSchema() {
        return config.getBoolean(EVOLVE_SCHEMA);
    }

    public TimestampMode timestampMode() {
        return TimestampMode.valueOf(config.getString(TIMESTAMP_TYPE).toUpperCase(Locale.ROOT));
    }

    public ValueFormat valueFormat() {
        return ValueFormat.valueOf(config.getString(VALUE_FORMAT).toUpperCase(Locale.ROOT));
    }

    static void problems(Function<String, String> values, List<ConfigProblem> problems) {
        String route = values.apply(ROUTE);
        route = route == null ? Route.STATIC.configValue() : route.trim().toLowerCase(Locale.ROOT);
        if (route.equals(Route.STATIC.configValue())) {
            String tables = values.apply(TABLES);
            if (CatalogSettings.isBlank(tables)) {
                problems.add(new ConfigProblem(TABLES, TABLES + " must name at least one table when "
                        + ROUTE + " is 'static'"));
            } else {
                for (String table : tables.split(",")) {
                    String name = table.trim();
                    if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")
                            || !name.contains(".")) {
                        problems.add(new ConfigProblem(TABLES, "table '" + name + "' must be 'namespace.table'"));
                    }
                }
            }
        } else if (route.equals(Route.FIELD.configValue()) && CatalogSettings.isBlank(values.apply(ROUTE_FIELD))) {
            problems.add(new ConfigProblem(ROUTE_FIELD, ROUTE_FIELD + " is required when " + ROUTE + " is 'field'"));
        }
    }

    private static final class RegexValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                Pattern.compile((String) value);
            } catch (PatternSyntaxException e) {
                throw new ConfigException(name, value, "is not a valid regex: " + e.getDescription());
            }
        }

        @Override
        public String toString() {
            return "a Java regex";
        }
    }
}
