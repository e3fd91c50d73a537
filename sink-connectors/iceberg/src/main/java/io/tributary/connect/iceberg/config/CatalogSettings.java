package io.tributary.connect.iceberg.config;

import io.tributary.connect.iceberg.table.TableProperties;
import io.tributary.connect.smt.config.ConfigProblem;
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
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/** Which Iceberg catalog holds the tables, and how to reach it. */
public final class CatalogSettings {

    public static final String TYPE = "iceberg.catalog.type";
    public static final String NAME = "iceberg.catalog.name";
    public static final String URI = "iceberg.catalog.uri";
    public static final String WAREHOUSE = "iceberg.catalog.warehouse";
    public static final String USER = "iceberg.catalog.user";
    public static final String PASSWORD = "iceberg.catalog.password";
    public static final String EXTRA_PROPERTIES = "iceberg.catalog.properties";
    public static final String REST_CREDENTIAL = "iceberg.catalog.rest.credential";
    public static final String REST_TOKEN = "iceberg.catalog.rest.token";

    private static final String GROUP = "Catalog";

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

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        static String[] configValues() {
            return Arrays.stream(values()).map(CatalogType::configValue).toArray(String[]::new);
        }
    }

    private final AbstractConfig config;

    public CatalogSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(TYPE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.CaseInsensitiveValidString.in(CatalogType.configValues()), Importance.HIGH,
                        "Iceberg catalog holding the tables: " + String.join(", ", CatalogType.configValues()) + ".",
                        GROUP, 1, Width.SHORT, "Catalog type")
                .define(NAME, Type.STRING, "tributary", new ConfigDef.NonEmptyString(), Importance.LOW,
                        "Catalog name. Query engines reading a JDBC catalog must use the same name to see the "
                                + "tables.",
                        GROUP, 2, Width.SHORT, "Catalog name")
                .define(URI, Type.STRING, null, Importance.HIGH,
                        "Catalog URI: a JDBC URL for 'jdbc' (e.g. 'jdbc:sqlite:/data/catalog.db' or "
                                + "'jdbc:postgresql://db/lake'), an HTTP URL for 'rest'.",
                        GROUP, 3, Width.LONG, "Catalog URI")
                .define(WAREHOUSE, Type.STRING, null, Importance.HIGH,
                        "Where table data and metadata are written, e.g. 's3://lake/warehouse' or "
                                + "'file:/data/warehouse'. Required for 'jdbc' and 'hadoop'.",
                        GROUP, 4, Width.LONG, "Warehouse")
                .define(USER, Type.STRING, null, Importance.MEDIUM,
                        "User for the catalog (the JDBC catalog's database user).",
                        GROUP, 5, Width.MEDIUM, "Catalog user")
                .define(PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
                        "Password for the catalog (the JDBC catalog's database password). Never logged.",
                        GROUP, 6, Width.MEDIUM, "Catalog password")
                .define(EXTRA_PROPERTIES, Type.LIST, "", TableProperties.validator(), Importance.LOW,
                        "Further Iceberg catalog properties as key=value entries, e.g. "
                                + "'jdbc.schema-version=V1'. Not for secrets: these values are shown in the config.",
                        GROUP, 7, Width.LONG, "Extra catalog properties")
                .define(REST_CREDENTIAL, Type.PASSWORD, null, Importance.MEDIUM,
                        "For a 'rest' catalog with OAuth2: the client credential, 'client_id:client_secret'. "
                                + "Never logged.",
                        GROUP, 8, Width.MEDIUM, "REST OAuth2 credential")
                .define(REST_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
                        "For a 'rest' catalog: a bearer token to authenticate with. Never logged.",
                        GROUP, 9, Width.MEDIUM, "REST bearer token");
    }

    public CatalogType type() {
        return CatalogType.valueOf(config.getString(TYPE).toUpperCase(Locale.ROOT));
    }

    public String name() {
        return config.getString(NAME);
    }

    /** Properties for {@link CatalogUtil#buildIcebergCatalog}; holds the password, so never log them. */
    public Map<String, String> catalogProperties() {
        Map<String, String> properties = new HashMap<>();
        CatalogType type = type();
        if (type == CatalogType.JDBC) {
            // V1 adds the view and namespace-property columns; every current engine reads it.
            properties.put("jdbc.schema-version", "V1");
        }
        properties.putAll(TableProperties.parse(config.getList(EXTRA_PROPERTIES)));
        properties.put(CatalogUtil.ICEBERG_CATALOG_TYPE, type.icebergType);
        putIfSet(properties, CatalogProperties.URI, config.getString(URI));
        putIfSet(properties, CatalogProperties.WAREHOUSE_LOCATION, config.getString(WAREHOUSE));
        putIfSet(properties, "jdbc.user", config.getString(USER));
        putSecret(properties, "jdbc.password", config.getPassword(PASSWORD));
        putSecret(properties, "credential", config.getPassword(REST_CREDENTIAL));
        putSecret(properties, "token", config.getPassword(REST_TOKEN));
        new StorageSettings(config).addTo(properties);
        return properties;
    }

    static void problems(Function<String, String> values, List<ConfigProblem> problems) {
        String type = values.apply(TYPE);
        if (type == null) {
            return;
        }
        CatalogType catalogType;
        try {
            catalogType = CatalogType.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return;  // reported by the key's own validator
        }
        if (catalogType.needsUri && isBlank(values.apply(URI))) {
            problems.add(new ConfigProblem(URI, URI + " is required for a " + catalogType.configValue() + " catalog"));
        }
        if (catalogType.needsWarehouse && isBlank(values.apply(WAREHOUSE))) {
            problems.add(new ConfigProblem(WAREHOUSE,
                    WAREHOUSE + " is required for a " + catalogType.configValue() + " catalog"));
        }
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static void putSecret(Map<String, String> properties, String key, Password secret) {
        if (secret != null && !secret.value().isEmpty()) {
            properties.put(key, secret.value());
        }
    }

    private static void putIfSet(Map<String, String> properties, String key, String value) {
        if (!isBlank(value)) {
            properties.put(key, value);
        }
    }
}
