package io.tributary.connect.smt.enrich;

import io.tributary.connect.smt.FieldPath;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The configuration of {@link io.tributary.connect.smt.Enrich}, by concern: connection, lookup, cache, misses. */
public final class EnrichConfig extends AbstractConfig {

    public static final String URL_CONFIG = "connection.url";
    public static final String USER_CONFIG = "connection.user";
    public static final String PASSWORD_CONFIG = "connection.password";
    public static final String TABLE_CONFIG = "lookup.table";
    public static final String KEY_COLUMN_CONFIG = "lookup.key.column";
    public static final String COLUMNS_CONFIG = "lookup.columns";
    public static final String NUMERIC_MAPPING_CONFIG = "lookup.numeric.mapping";
    public static final String BATCH_SIZE_CONFIG = "lookup.batch.size";
    public static final String REFRESH_CONFIG = "lookup.refresh.ms";
    public static final String RETRY_TIMEOUT_CONFIG = "lookup.retry.timeout.ms";
    public static final String RETRY_BACKOFF_CONFIG = "lookup.retry.backoff.ms";
    public static final String RECORD_KEY_FIELD_CONFIG = "record.key.field";
    public static final String CACHE_MAX_ENTRIES_CONFIG = "cache.max.entries";
    public static final String CACHE_TTL_CONFIG = "cache.ttl.ms";
    public static final String CACHE_MISS_TTL_CONFIG = "cache.miss.ttl.ms";
    public static final String CACHE_PRELOAD_CONFIG = "cache.preload";
    public static final String MISS_POLICY_CONFIG = "miss.policy";
    public static final String MISS_DEFAULTS_CONFIG = "miss.defaults";

    private static final String CONNECTION = "Connection";
    private static final String LOOKUP = "Lookup";
    private static final String CACHE = "Cache";
    private static final String MISSES = "Misses";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "JDBC URL of the database holding the dimension table, e.g. "
                            + "'jdbc:postgresql://db:5432/retail' or 'jdbc:sqlite:/data/dims.db'. Put credentials in "
                            + "connection.user and connection.password, not here.",
                    CONNECTION, 1, Width.LONG, "JDBC URL")
            .define(USER_CONFIG, Type.STRING, null, Importance.HIGH, "Database user.",
                    CONNECTION, 2, Width.MEDIUM, "User")
            .define(PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, "Database password; never logged.",
                    CONNECTION, 3, Width.MEDIUM, "Password")
            .define(TABLE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "The dimension table, 'table' or 'schema.table'. Names are quoted, so they are "
                            + "used exactly as written (case-sensitive).",
                    LOOKUP, 1, Width.MEDIUM, "Table")
            .define(KEY_COLUMN_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "The table's key column (a whole number or text column, unique).",
                    LOOKUP, 2, Width.MEDIUM, "Key column")
            .define(COLUMNS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    new ParsedBy("column or column:field, each field once", LookupColumn::parseAll), Importance.HIGH,
                    "Columns to fetch, each added to the record value as a field of the same name, or renamed "
                            + "with 'column:field', e.g. 'segment,country:user_country'.",
                    LOOKUP, 3, Width.LONG, "Columns")
            .define(RECORD_KEY_FIELD_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    new ParsedBy("a dotted field path", FieldPath::parse),
                    Importance.HIGH, "Path of the record value field holding the key, dotted for nested fields, "
                            + "e.g. 'user.id'.",
                    LOOKUP, 4, Width.MEDIUM, "Record key field")
            .define(NUMERIC_MAPPING_CONFIG, Type.STRING, "double",
                    ConfigDef.CaseInsensitiveValidString.in("double", "decimal"), Importance.LOW,
                    "NUMERIC and DECIMAL columns become FLOAT64 fields ('double') or Connect Decimals at the "
                            + "column's declared scale ('decimal').",
                    LOOKUP, 5, Width.SHORT, "Numeric mapping")
            .define(BATCH_SIZE_CONFIG, Type.INT, 1000, ConfigDef.Range.between(1, 1_000_000), Importance.LOW,
                    "Rows fetched per round trip when the whole table is read (preload and refresh).",
                    LOOKUP, 6, Width.SHORT, "Batch size")
            .define(REFRESH_CONFIG, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "With cache.preload on: re-read the whole table in batches this often (milliseconds, in the task "
                            + "thread, between records), so changed and new rows arrive without a lookup each. "
                            + "0 turns it off.",
                    LOOKUP, 7, Width.SHORT, "Refresh interval (ms)")
            .define(RETRY_TIMEOUT_CONFIG, Type.LONG, Duration.ofSeconds(30).toMillis(), ConfigDef.Range.atLeast(0),
                    Importance.MEDIUM, "How long a lookup keeps retrying while the database is unreachable before "
                            + "the record fails with a RetriableException.",
                    LOOKUP, 8, Width.SHORT, "Retry timeout (ms)")
            .define(RETRY_BACKOFF_CONFIG, Type.LONG, 100L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "First wait between retries; it doubles up to 5 seconds.",
                    LOOKUP, 9, Width.SHORT, "Retry backoff (ms)")
            .define(CACHE_MAX_ENTRIES_CONFIG, Type.LONG, 100_000L, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                    "Most keys (rows and misses) cached per task; beyond it the least used are dropped.",
                    CACHE, 1, Width.SHORT, "Max entries")
            .define(CACHE_TTL_CONFIG, Type.LONG, Duration.ofMinutes(5).toMillis(), ConfigDef.Range.atLeast(1),
                    Importance.MEDIUM, "How long a fetched row is used before it is looked up again (milliseconds "
                            + "since it was fetched): the most a changed row can lag.",
                    CACHE, 2, Width.SHORT, "TTL (ms)")
            .define(CACHE_MISS_TTL_CONFIG, Type.LONG, null, Importance.LOW,
                    "How long a key without a row is remembered as missing (milliseconds); 0 remembers no miss. "
                            + "Default: cache.ttl.ms.",
                    CACHE, 3, Width.SHORT, "Miss TTL (ms)")
            .define(CACHE_PRELOAD_CONFIG, Type.STRING, "false", new PreloadValidator(), Importance.MEDIUM,
                    "Read the whole table into the cache at start: 'true' when it has at most cache.max.entries "
                            + "rows, a number N when it has at most N rows, 'false' never.",
                    CACHE, 4, Width.SHORT, "Preload")
            .define(MISS_POLICY_CONFIG, Type.STRING, "null",
                    ConfigDef.CaseInsensitiveValidString.in("null", "default", "fail"), Importance.HIGH,
                    "A record whose key has no row (or a null key): 'null' adds the fields as null, 'default' adds "
                            + "the values of miss.defaults, 'fail' raises a DataException naming the key field and "
                            + "the record.",
                    MISSES, 1, Width.SHORT, "Miss policy")
            .define(MISS_DEFAULTS_CONFIG, Type.LIST, List.of(),
                    new ParsedBy("column=value, ...", EnrichConfig::parseDefaults), Importance.MEDIUM,
                    "Defaults for miss.policy=default, 'column=value' each, e.g. 'segment=unknown,country=ZZ'; a "
                            + "column without one is null.",
                    MISSES, 2, Width.LONG, "Defaults");

    public EnrichConfig(Map<String, ?> props) {
        super(CONFIG_DEF, props, false);  // not logged: the URL may carry credentials
    }

    public String url() {
        return getString(URL_CONFIG);
    }

    public String user() {
        return getString(USER_CONFIG);
    }

    public String password() {
        Password password = getPassword(PASSWORD_CONFIG);
        return password == null ? null : password.value();
    }

    public List<LookupColumn> columns() {
        try {
            return LookupColumn.parseAll(getList(COLUMNS_CONFIG));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(COLUMNS_CONFIG, getList(COLUMNS_CONFIG), e.getMessage());
        }
    }

    public MissPolicy missPolicy() {
        return MissPolicy.valueOf(getString(MISS_POLICY_CONFIG).toUpperCase(Locale.ROOT));
    }

    /** Column → default text, from miss.defaults. */
    public Map<String, String> missDefaults() {
        return parseDefaults(getList(MISS_DEFAULTS_CONFIG));
    }

    private static Map<String, String> parseDefaults(List<String> entries) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("'" + entry + "' is not 'column=value'");
            }
            defaults.put(entry.substring(0, equals).trim(), entry.substring(equals + 1));
        }
        return defaults;
    }

    public long missTtlMillis() {
        Long missTtl = getLong(CACHE_MISS_TTL_CONFIG);
        if (missTtl != null && missTtl < 0) {
            throw new ConfigException(CACHE_MISS_TTL_CONFIG, missTtl, "must not be negative");
        }
        return missTtl == null ? getLong(CACHE_TTL_CONFIG) : missTtl;
    }

    /** The most rows a table may have to be preloaded; 0 when preload is off. */
    public long preloadMaxRows() {
        String preload = getString(CACHE_PRELOAD_CONFIG).trim().toLowerCase(Locale.ROOT);
        return switch (preload) {
            case "false" -> 0;
            case "true" -> getLong(CACHE_MAX_ENTRIES_CONFIG);
            default -> Math.min(Long.parseLong(preload), getLong(CACHE_MAX_ENTRIES_CONFIG));
        };
    }

    public boolean decimals() {
        return getString(NUMERIC_MAPPING_CONFIG).equalsIgnoreCase("decimal");
    }

    /** Validates a value by parsing it as the transform will, so validate() reports what configure would. */
    private static final class ParsedBy implements ConfigDef.Validator {
        private final String description;
        private final Consumer<Object> parser;

        @SuppressWarnings("unchecked")
        <T> ParsedBy(String description, Function<T, ?> parser) {
            this.description = description;
            this.parser = value -> parser.apply((T) value);
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;  // a missing required value is reported by ConfigDef itself
            }
            try {
                parser.accept(value);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private static final class PreloadValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
            if (Arrays.asList("true", "false").contains(text)) {
                return;
            }
            try {
                if (Long.parseLong(text) >= 0) {
                    return;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigException(name, value, "must be true, false or a row count");
        }

        @Override
        public String toString() {
            return "true, false or a row count";
        }
    }
}
