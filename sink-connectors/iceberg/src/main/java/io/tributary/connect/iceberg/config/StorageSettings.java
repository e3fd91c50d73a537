package io.tributary.connect.iceberg.config;

import io.tributary.connect.smt.config.ConfigProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.s3.S3FileIOProperties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Where table files are stored: which Iceberg FileIO writes them, and how it reaches S3 or an S3-compatible
 * store (MinIO, Ceph, s3proxy...). The S3 keys map onto Iceberg's own S3FileIO properties, so they are
 * visible to {@code validate()} instead of hiding in {@code iceberg.catalog.properties}.
 */
public final class StorageSettings {

    public static final String IO_IMPL = "iceberg.catalog.io-impl";
    public static final String S3_ENDPOINT = "iceberg.s3.endpoint";
    public static final String S3_REGION = "iceberg.s3.region";
    public static final String S3_ACCESS_KEY_ID = "iceberg.s3.access-key-id";
    public static final String S3_SECRET_ACCESS_KEY = "iceberg.s3.secret-access-key";
    public static final String S3_PATH_STYLE_ACCESS = "iceberg.s3.path-style-access";

    /** Iceberg's FileIO for S3, used for s3:// and s3a:// warehouses unless another one is configured. */
    public static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";

    private static final List<String> S3_SCHEMES = List.of("s3://", "s3a://");
    private static final String GROUP = "Storage";

    private final AbstractConfig config;

    public StorageSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(IO_IMPL, Type.STRING, null, Importance.LOW,
                        "Iceberg FileIO class that reads and writes table files. By default a warehouse starting "
                                + "with s3:// or s3a:// uses " + S3_FILE_IO + ", and any other the catalog's own "
                                + "default (HadoopFileIO for 'jdbc' and 'hadoop').",
                        GROUP, 1, Width.LONG, "FileIO class")
                .define(S3_ENDPOINT, Type.STRING, null, new EndpointValidator(), Importance.MEDIUM,
                        "S3 endpoint URL for S3-compatible stores, e.g. 'http://minio:9000'. Leave empty for AWS "
                                + "S3.",
                        GROUP, 2, Width.LONG, "S3 endpoint")
                .define(S3_REGION, Type.STRING, null, Importance.MEDIUM,
                        "S3 region, e.g. 'eu-west-1'. When empty, the AWS SDK's default chain decides (AWS_REGION, "
                                + "the profile, instance metadata); S3-compatible stores usually accept 'us-east-1'.",
                        GROUP, 3, Width.SHORT, "S3 region")
                .define(S3_ACCESS_KEY_ID, Type.STRING, null, Importance.MEDIUM,
                        "Access key id for S3, set together with " + S3_SECRET_ACCESS_KEY + ". When both are "
                                + "empty, the AWS SDK's default credentials chain is used (environment, profile, "
                                + "container or instance role).",
                        GROUP, 4, Width.MEDIUM, "S3 access key id")
                .define(S3_SECRET_ACCESS_KEY, Type.PASSWORD, null, Importance.MEDIUM,
                        "Secret access key for S3, set together with " + S3_ACCESS_KEY_ID + ". Never logged.",
                        GROUP, 5, Width.MEDIUM, "S3 secret access key")
                .define(S3_PATH_STYLE_ACCESS, Type.BOOLEAN, false, Importance.LOW,
                        "Address buckets as 'endpoint/bucket' rather than 'bucket.endpoint'. Most S3-compatible "
                                + "stores without wildcard DNS need true.",
                        GROUP, 6, Width.SHORT, "S3 path-style access");
    }

    /**
     * Adds the FileIO and S3 properties to {@code catalogProperties}, which must already hold the warehouse and
     * the extra catalog properties. The typed keys win over the same Iceberg keys given as extra properties.
     * Adds the secret key, so never log the result.
     */
    public void addTo(Map<String, String> catalogProperties) {
        String ioImpl = config.getString(IO_IMPL);
        if (!CatalogSettings.isBlank(ioImpl)) {
            catalogProperties.put(CatalogProperties.FILE_IO_IMPL, ioImpl.trim());
        } else if (isS3(catalogProperties.get(CatalogProperties.WAREHOUSE_LOCATION))) {
            catalogProperties.putIfAbsent(CatalogProperties.FILE_IO_IMPL, S3_FILE_IO);
        }
        putIfSet(catalogProperties, S3FileIOProperties.ENDPOINT, config.getString(S3_ENDPOINT));
        putIfSet(catalogProperties, AwsClientProperties.CLIENT_REGION, config.getString(S3_REGION));
        putIfSet(catalogProperties, S3FileIOProperties.ACCESS_KEY_ID, config.getString(S3_ACCESS_KEY_ID));
        Password secret = config.getPassword(S3_SECRET_ACCESS_KEY);
        if (secret != null && !CatalogSettings.isBlank(secret.value())) {
            catalogProperties.put(S3FileIOProperties.SECRET_ACCESS_KEY, secret.value());
        }
        if (config.originals().containsKey(S3_PATH_STYLE_ACCESS)) {
            catalogProperties.put(S3FileIOProperties.PATH_STYLE_ACCESS,
                    String.valueOf(config.getBoolean(S3_PATH_STYLE_ACCESS)));
        }
    }

    /** Static credentials are a pair: each half without the other is reported under the missing key. */
    static void problems(Function<String, String> values, List<ConfigProblem> problems) {
        boolean hasKeyId = !CatalogSettings.isBlank(values.apply(S3_ACCESS_KEY_ID));
        boolean hasSecret = !CatalogSettings.isBlank(values.apply(S3_SECRET_ACCESS_KEY));
        if (hasKeyId && !hasSecret) {
            problems.add(new ConfigProblem(S3_SECRET_ACCESS_KEY,
                    S3_SECRET_ACCESS_KEY + " is required when " + S3_ACCESS_KEY_ID + " is set"));
        } else if (hasSecret && !hasKeyId) {
            problems.add(new ConfigProblem(S3_ACCESS_KEY_ID,
                    S3_ACCESS_KEY_ID + " is required when " + S3_SECRET_ACCESS_KEY + " is set"));
        }
    }

    static boolean isS3(String warehouse) {
        if (warehouse == null) {
            return false;
        }
        String location = warehouse.trim().toLowerCase(Locale.ROOT);
        return S3_SCHEMES.stream().anyMatch(location::startsWith);
    }

    private static void putIfSet(Map<String, String> properties, String key, String value) {
        if (!CatalogSettings.isBlank(value)) {
            properties.put(key, value.trim());
        }
    }

    /** An absolute http(s) URL: a bare 'host:port' would otherwise fail only once the task writes. */
    private static final class EndpointValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || ((String) value).isBlank()) {
                return;
            }
            String endpoint = ((String) value).trim();
            try {
                URI uri = new URI(endpoint);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw new ConfigException(name, value, "must be an http:// or https:// URL with a host");
        }

        @Override
        public String toString() {
            return "an http:// or https:// URL";
        }
    }
}
