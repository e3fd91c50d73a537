package io.tributary.connect.iceberg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Configuration of {@link TributaryIcebergSinkConnector}, grouped by concern. */
public final class IcebergSinkConfig extends AbstractConfig {

    public static final String CATALOG_TYPE = "iceberg.catalog.type";
    public static final String CATALOG_NAME = "iceberg.catalog.name";
    public static final String CATALOG_URI = "iceberg.catalog.uri";
    public static final String CATALOG_WAREHOUSE = "iceberg.catalog.warehouse";
    public static final String CATALOG_USER = "iceberg.catalog.user";
    public static final String CATALOG_PASSWORD = "iceberg.catalog.password";
    public static final String TABLES = "iceberg.tables";
    public static final String COMMIT_INTERVAL_MS = "iceberg.commit.interval.ms";

    /** The catalogs the bundle ships clients for. */
    public enum CatalogType {
        JDBC(CatalogUtil.ICEBERG_CATALOG_TYPE_JDBC, true, true),
        REST(CatalogUtil.ICEBERG_CATALOG_TYPE_REST, true, false),
        HADOOP(CatalogUtil.ICEBERG_CATALOG_TYPE_HADOOP, false, true);

        private final String icebergType;
        private final boolean needsUri;
        private final boolean needsWarehouse;

        CatalogType(String icebergType, boolean needsUri, boolean needsWarehouse) {
            this.icebergType = icebergType;
            this.needsUri = needsUri;
            this.needsWarehouse = needsWarehouse;
        }

        String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        static String[] configValues() {
            return Arrays.stream(values()).map(CatalogType::configValue).toArray(String[]::new);
        }
    }

    private static final String CATALOG_GROUP = "Catalog";
    private static final String TABLES_GROUP = "Tables";
    private static final String COMMIT_GROUP = "Commits";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(CATALOG_TYPE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.CaseInsensitiveValidString.in(CatalogType.configValues()), Importance.HIGH,
                    "Iceberg catalog holding the tables: " + String.join(", ", CatalogType.configValues()) + ".",
                    CATALOG_GROUP, 1, Width.SHORT, "Catalog type")
            .define(CATALOG_NAME, Type.STRING, "tributary", new ConfigDef.NonEmptyString(), Importance.LOW,
                    "Catalog name. Query engines reading a JDBC catalog must use the same name to see the tables.",
                    CATALOG_GROUP, 2, Width.SHORT, "Catalog name")
            .define(CATALOG_URI, Type.STRING, null, Importance.HIGH,
                    "Catalog URI: a JDBC URL for 'jdbc' (e.g. 'jdbc:sqlite:/data/catalog.db'), an HTTP URL "
                            + "for 'rest'.",
                    CATALOG_GROUP, 3, Width.LONG, "Catalog URI")
            .define(CATALOG_WAREHOUSE, Type.STRING, null, Importance.HIGH,
                    "Warehouse location where table data and metadata are written, e.g. 's3://lake/warehouse' "
                            + "or 'file:/data/warehouse'. Required for 'jdbc' and 'hadoop'.",
                    CATALOG_GROUP, 4, Width.LONG, "Warehouse")
            .define(CATALOG_USER, Type.STRING, null, Importance.MEDIUM,
                    "User for the catalog (the JDBC catalog's database user).",
                    CATALOG_GROUP, 5, Width.MEDIUM, "Catalog user")
            .define(CATALOG_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
                    "Password for the catalog. Never logged.",
                    CATALOG_GROUP, 6, Width.MEDIUM, "Catalog password")
            .define(TABLES, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new TableNames(), Importance.HIGH,
                    "Tables every record is written to, as 'namespace.table'.",
                    TABLES_GROUP, 1, Width.LONG, "Tables")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 10_000L, Range.atLeast(100L), Importance.MEDIUM,
                    "How often data files are committed to the tables: the bound on how stale a table is.",
                    COMMIT_GROUP, 1, Width.SHORT, "Commit interval (ms)");

    public IcebergSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        List<String> problems = crossFieldProblems(this::getString);
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
    }

    public CatalogType catalogType() {
        return CatalogType.valueOf(getString(CATALOG_TYPE).toUpperCase(Locale.ROOT));
    }

    public String catalogName() {
        return getString(CATALOG_NAME);
    }

    public List<String> tables() {
        return getList(TABLES);
    }

    public long commitIntervalMs() {
        return getLong(COMMIT_INTERVAL_MS);
    }

    /** Properties for {@link CatalogUtil#buildIcebergCatalog}; holds the password, so never log it. */
    public Map<String, String> catalogProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put(CatalogUtil.ICEBERG_CATALOG_TYPE, catalogType().icebergType);
        putIfSet(properties, CatalogProperties.URI, getString(CATALOG_URI));
        putIfSet(properties, CatalogProperties.WAREHOUSE_LOCATION, getString(CATALOG_WAREHOUSE));
        putIfSet(properties, "jdbc.user", getString(CATALOG_USER));
        Password password = getPassword(CATALOG_PASSWORD);
        if (password != null) {
            properties.put("jdbc.password", password.value());
        }
        return properties;
    }

    /**
     * Rules that span keys: which catalog needs a URI or warehouse. Shared by the constructor and the
     * connector's {@code validate()}, so the REST validate endpoint reports exactly what start would reject.
     *
     * @param values raw value of a key, or null when unset or unparseable
     */
    static List<String> crossFieldProblems(Function<String, String> values) {
        List<String> problems = new ArrayList<>();
        String type = values.apply(CATALOG_TYPE);
        if (type == null) {
            return problems;
        }
        CatalogType catalogType;
        try {
            catalogType = CatalogType.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return problems;  // reported by the key's own validator
        }
        if (catalogType.needsUri && isBlank(values.apply(CATALOG_URI))) {
            problems.add(CATALOG_URI + " is required for a " + catalogType.configValue() + " catalog");
        }
        if (catalogType.needsWarehouse && isBlank(values.apply(CATALOG_WAREHOUSE))) {
            problems.add(CATALOG_WAREHOUSE + " is required for a " + catalogType.configValue() + " catalog");
        }
        return problems;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static void putIfSet(Map<String, String> properties, String key, String value) {
        if (!isBlank(value)) {
            properties.put(key, value);
        }
    }

    private static final class TableNames implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> tables = (List<?>) value;
            if (tables == null || tables.isEmpty()) {
                throw new ConfigException(name, value, "must name at least one table");
            }
            for (Object table : tables) {
                String text = table.toString();
                if (!text.contains(".") || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
                    throw new ConfigException(name, value, "table '" + text + "' must be 'namespace.table'");
                }
            }
        }

        @Override
        public String toString() {
            return "namespace.table, ...";
        }
    }
}
