package io.tributary.connect.smt;

import io.tributary.connect.smt.plugin.TributaryVersion;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Sets the record key to a deterministic hash of chosen value fields, so that upserts and de-duplication
 * downstream are exact and a batch row and a live event with the same field values get the same key. The
 * hash is SHA-256 (64 lowercase hex characters) or a name-based UUID version 5 under a configured namespace,
 * of the fields' {@link IdempotencyKeyEncoding} in the configured order.
 *
 * <p>The key is a string, or a Struct with one string field {@code id}; it has a schema (optional string, or
 * that struct) when the value has one, and none for schemaless values. A record without a value (a
 * tombstone) is passed on unchanged, its key included: there are no fields to hash, and the key it has is
 * the one a delete must carry.
 */
public final class IdempotencyKey<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String FIELDS_CONFIG = "fields";
    public static final String HASH_CONFIG = "hash";
    public static final String NAMESPACE_CONFIG = "uuid.namespace";
    public static final String KEY_TYPE_CONFIG = "key.type";
    public static final String MISSING_FIELD_CONFIG = "missing.field";

    public static final String HASH_SHA256 = "sha256";
    public static final String HASH_UUID5 = "uuid5";
    public static final String KEY_STRING = "string";
    public static final String KEY_STRUCT = "struct";
    public static final String MISSING_FAIL = "fail";
    public static final String MISSING_NULL = "null";
    public static final String ID_FIELD = "id";

    public static final Schema STRUCT_KEY_SCHEMA = SchemaBuilder.struct().name("io.tributary.IdempotencyKey")
            .field(ID_FIELD, Schema.STRING_SCHEMA).build();

    private static final String GROUP = "Idempotency key";
    private static final HexFormat HEX = HexFormat.of();
    private static final Object ABSENT = new Object();

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(FIELDS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new FieldPathsValidator(),
                    Importance.HIGH, "Value fields whose values make the key, in this order (the order is part of "
                            + "the key), dotted paths for nested fields, e.g. 'user.id,session_start,seq'.",
                    GROUP, 1, Width.LONG, "Key fields")
            .define(HASH_CONFIG, Type.STRING, HASH_SHA256, ConfigDef.CaseInsensitiveValidString.in(HASH_SHA256,
                    HASH_UUID5), Importance.MEDIUM, "sha256: 64 lowercase hex characters; uuid5: a name-based "
                            + "UUID (RFC 9562 version 5) under " + NAMESPACE_CONFIG + ".",
                    GROUP, 2, Width.SHORT, "Hash")
            .define(NAMESPACE_CONFIG, Type.STRING, null, new UuidValidator(), Importance.MEDIUM,
                    "Namespace UUID of uuid5 keys, required with hash=uuid5; different namespaces give different "
                            + "keys for the same fields.",
                    GROUP, 3, Width.MEDIUM, "UUID namespace")
            .define(KEY_TYPE_CONFIG, Type.STRING, KEY_STRING, ConfigDef.CaseInsensitiveValidString.in(KEY_STRING,
                    KEY_STRUCT), Importance.MEDIUM, "string: the key is the hash; struct: a struct with one "
                            + "string field 'id' holding the hash.",
                    GROUP, 4, Width.SHORT, "Key type")
            .define(MISSING_FIELD_CONFIG, Type.STRING, MISSING_FAIL, ConfigDef.CaseInsensitiveValidString.in(
                    MISSING_FAIL, MISSING_NULL), Importance.MEDIUM, "When a key field is absent from the value "
                            + "(not merely null): fail (a DataException) or null (hash it as a null value).",
                    GROUP, 5, Width.SHORT, "Missing fields");

    private List<FieldPath> fields;
    private boolean failOnMissing;
    private boolean structKey;
    private MessageDigest digest;
    private byte[] namespace;
    // Reused for every record: one transform instance serves one task thread.
    private final IdempotencyKeyEncoding.Buffer encoded = new IdempotencyKeyEncoding.Buffer(128);

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        fields = config.getList(FIELDS_CONFIG).stream().map(String::trim).map(FieldPath::parse).toList();
        failOnMissing = MISSING_FAIL.equalsIgnoreCase(config.getString(MISSING_FIELD_CONFIG));
        structKey = KEY_STRUCT.equalsIgnoreCase(config.getString(KEY_TYPE_CONFIG));
        boolean uuid = HASH_UUID5.equalsIgnoreCase(config.getString(HASH_CONFIG));
        String namespaceText = config.getString(NAMESPACE_CONFIG);
        if (uuid && (namespaceText == null || namespaceText.isBlank())) {
            throw new ConfigException(NAMESPACE_CONFIG, namespaceText, "is required when hash is uuid5");
        }
        namespace = uuid ? uuidBytes(UUID.fromString(namespaceText.trim())) : null;
        try {
            digest = MessageDigest.getInstance(uuid ? "SHA-1" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-1 and SHA-256", e);
        }
    }

    @Override
    public R apply(R record) {
        Object value = record.value();
        if (value == null) {
            return record;
        }
        String id = hash(value, record);
        Schema keySchema = record.valueSchema() == null ? null
                : structKey ? STRUCT_KEY_SCHEMA : Schema.OPTIONAL_STRING_SCHEMA;
        Object key = !structKey ? id
                : keySchema == null ? Map.of(ID_FIELD, id) : new Struct(STRUCT_KEY_SCHEMA).put(ID_FIELD, id);
        return record.newRecord(record.topic(), record.kafkaPartition(), keySchema, key,
                record.valueSchema(), value, record.timestamp(), record.headers());
    }

    private String hash(Object value, R record) {
        encoded.reset();
        for (FieldPath field : fields) {
            Object fieldValue = field.getOr(value, ABSENT);
            if (fieldValue == ABSENT) {
                if (failOnMissing) {
                    throw new DataException("IdempotencyKey: field '" + field + "' is missing in record "
                            + RecordDescription.of(record));
                }
                fieldValue = null;
            }
            try {
                IdempotencyKeyEncoding.write(fieldValue, encoded);
            } catch (IllegalArgumentException e) {
                throw new DataException("IdempotencyKey: field '" + field + "' of record "
                        + RecordDescription.of(record) + ": " + e.getMessage());
            }
        }
        if (namespace == null) {
            digest.update(encoded.array(), 0, encoded.size());
            return HEX.formatHex(digest.digest());
        }
        digest.update(namespace);
        digest.update(encoded.array(), 0, encoded.size());
        return uuidVersion5(digest.digest()).toString();
    }

    /** RFC 9562 section 5.5: the first 16 bytes of the SHA-1, with version 5 and the RFC variant stamped in. */
    private static UUID uuidVersion5(byte[] sha1) {
        sha1[6] = (byte) ((sha1[6] & 0x0f) | 0x50);
        sha1[8] = (byte) ((sha1[8] & 0x3f) | 0x80);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (sha1[i] & 0xff);
            least = (least << 8) | (sha1[8 + i] & 0xff);
        }
        return new UUID(most, least);
    }

    private static byte[] uuidBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return bytes;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return TributaryVersion.get();
    }

    @Override
    public void close() {
    }

    private static final class FieldPathsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> paths = (List<String>) value;
            if (paths == null || paths.isEmpty()) {
                throw new ConfigException(name, value, "name at least one field");
            }
            HashSet<String> seen = new HashSet<>();
            for (String path : paths) {
                try {
                    FieldPath.parse(path.trim());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
                if (!seen.add(path.trim())) {
                    throw new ConfigException(name, value, "field '" + path.trim() + "' is named twice");
                }
            }
        }

        @Override
        public String toString() {
            return "non-empty list of distinct field paths";
        }
    }

    private static final class UuidValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || ((String) value).isBlank()) {
                return;
            }
            try {
                UUID.fromString(((String) value).trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "is not a UUID such as 6ba7b811-9dad-11d1-80b4-00c04fd430c8");
            }
        }

        @Override
        public String toString() {
            return "a UUID";
        }
    }
}
