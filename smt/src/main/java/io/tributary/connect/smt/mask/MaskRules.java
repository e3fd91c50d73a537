package io.tributary.connect.smt.mask;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The Mask transform's settings, and the rules they make for each masked field. */
public final class MaskRules {

    public static final String FIELDS_CONFIG = "fields";
    public static final String HMAC_KEY_CONFIG = "hmac.key";
    public static final String MASK_CHAR_CONFIG = "mask.char";
    public static final String REDACT_REPLACEMENT_CONFIG = "redact.replacement";
    public static final String IPV4_PREFIX_CONFIG = "ip.v4.prefix";
    public static final String IPV6_PREFIX_CONFIG = "ip.v6.prefix";
    public static final String IP_INVALID_CONFIG = "ip.invalid";

    public static final String IP_INVALID_FAIL = "fail";
    public static final String IP_INVALID_KEEP = "keep";

    /** 128 bits: below that an HMAC key is guessable; the key of HMAC-SHA256 should be 32 bytes or more. */
    static final int MIN_HMAC_KEY_BYTES = 16;

    private static final String GROUP = "Mask";

    private MaskRules() {
    }

    public static ConfigDef configDef() {
        return new ConfigDef()
                .define(FIELDS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new FieldsValidator(),
                        Importance.HIGH, "The fields to mask and how, as path:rule entries, dotted paths for nested "
                                + "fields: path:hmac (HMAC-SHA256 pseudonym, 64 hex characters), path:keep-last:N "
                                + "(all but the last N characters masked), path:redact (null, or "
                                + REDACT_REPLACEMENT_CONFIG + " for a required string), path:ip-truncate (IP "
                                + "address cut to its network prefix). E.g. "
                                + "user.email:hmac,card:keep-last:4,ip:ip-truncate,notes:redact.",
                        GROUP, 1, Width.LONG, "Masked fields")
                .define(HMAC_KEY_CONFIG, Type.PASSWORD, null, new HmacKeyValidator(), Importance.HIGH,
                        "Secret key of the hmac rule, at least " + MIN_HMAC_KEY_BYTES + " bytes of UTF-8 (32 or "
                                + "more recommended); required when a field uses hmac. Changing it changes every "
                                + "pseudonym. Supply it through a config provider, e.g. ${file:...}.",
                        GROUP, 2, Width.LONG, "HMAC key")
                .define(MASK_CHAR_CONFIG, Type.STRING, "*", new SingleCharacterValidator(), Importance.LOW,
                        "The character that replaces masked characters in keep-last.",
                        GROUP, 3, Width.SHORT, "Mask character")
                .define(REDACT_REPLACEMENT_CONFIG, Type.STRING, "", Importance.LOW,
                        "What redact writes into a required string field, which cannot hold null. Optional "
                                + "fields and schemaless values become null; required fields of other types "
                                + "become optional and null.",
                        GROUP, 4, Width.MEDIUM, "Redaction replacement")
                .define(IPV4_PREFIX_CONFIG, Type.INT, 24, ConfigDef.Range.between(0, 32), Importance.MEDIUM,
                        "Prefix length, in bits, that ip-truncate keeps of an IPv4 address.",
                        GROUP, 5, Width.SHORT, "IPv4 prefix")
                .define(IPV6_PREFIX_CONFIG, Type.INT, 48, ConfigDef.Range.between(0, 128), Importance.MEDIUM,
                        "Prefix length, in bits, that ip-truncate keeps of an IPv6 address.",
                        GROUP, 6, Width.SHORT, "IPv6 prefix")
                .define(IP_INVALID_CONFIG, Type.STRING, IP_INVALID_FAIL,
                        ConfigDef.CaseInsensitiveValidString.in(IP_INVALID_FAIL, IP_INVALID_KEEP), Importance.MEDIUM,
                        "What ip-truncate does with text that is not an IP address: fail (a DataException, for "
                                + "errors.tolerance and the dead-letter queue) or keep (pass it through as is).",
                        GROUP, 7, Width.SHORT, "Invalid IP addresses");
    }

    /** One rule per field, from the settings; {@link ConfigException} when a rule lacks a setting it needs. */
    public static Map<MaskedField, MaskRule> forFields(List<MaskedField> fields, AbstractConfig config) {
        Map<MaskedField, MaskRule> rules = new HashMap<>();
        HmacPseudonym hmac = null;
        for (MaskedField field : fields) {
            MaskRule rule = switch (field.kind()) {
                case HMAC -> hmac != null ? hmac : (hmac = new HmacPseudonym(hmacKey(config)));
                case KEEP_LAST -> new KeepLastMask(field.keepLast(),
                        config.getString(MASK_CHAR_CONFIG).codePointAt(0));
                case REDACT -> new Redaction(config.getString(REDACT_REPLACEMENT_CONFIG));
                case IP_TRUNCATE -> new IpTruncation(config.getInt(IPV4_PREFIX_CONFIG),
                        config.getInt(IPV6_PREFIX_CONFIG),
                        IP_INVALID_KEEP.equalsIgnoreCase(config.getString(IP_INVALID_CONFIG)));
            };
            rules.put(field, rule);
        }
        return rules;
    }

    private static byte[] hmacKey(AbstractConfig config) {
        Password key = config.getPassword(HMAC_KEY_CONFIG);
        if (key == null || key.value().isEmpty()) {
            throw new ConfigException(HMAC_KEY_CONFIG + " is required when a field uses the hmac rule");
        }
        return key.value().getBytes(StandardCharsets.UTF_8);
    }

    private static final class FieldsValidator implements ConfigDef.Validator {
        @Override
        @SuppressWarnings("unchecked")
        public void ensureValid(String name, Object value) {
            try {
                MaskedField.parseAll((List<String>) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "non-empty list of " + MaskedField.SYNTAX;
        }
    }

    private static final class HmacKeyValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            // Never put the key into the message: ConfigException(name, value, ...) would print it.
            if (value instanceof Password key && !key.value().isEmpty()
                    && key.value().getBytes(StandardCharsets.UTF_8).length < MIN_HMAC_KEY_BYTES) {
                throw new ConfigException(name + " must be at least " + MIN_HMAC_KEY_BYTES + " bytes long");
            }
        }

        @Override
        public String toString() {
            return "a secret of at least " + MIN_HMAC_KEY_BYTES + " bytes";
        }
    }

    private static final class SingleCharacterValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = (String) value;
            if (text == null || text.codePointCount(0, text.length()) != 1) {
                throw new ConfigException(name, value, "must be exactly one character");
            }
        }

        @Override
        public String toString() {
            return "one character";
        }
    }
}
