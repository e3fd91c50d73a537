package io.tributary.connect.smt;

import io.tributary.connect.smt.plugin.TributaryVersion;
import io.tributary.connect.smt.rules.InvalidRuleException;
import io.tributary.connect.smt.rules.RuleFailure;
import io.tributary.connect.smt.rules.RuleSet;
import io.tributary.connect.smt.rules.RuleViolationException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Applies a declarative {@link RuleSet} — derived fields, filters, validations written in CEL — to record
 * values, Struct or Map. All logic is in the rule set, which a batch job can load from the same file; this
 * class only maps its outcome onto a record: a drop is a null record, derived fields are added to the value
 * (its schema derived once per source schema), and each validation failed with policy {@code tag} adds one
 * header {@value #DEFAULT_TAG_HEADER} holding the rule's id.
 *
 * <p>There is no Key variant: rules read the key as {@code key} but derive fields only in the value, since a
 * derived key field would silently change the record's partition.
 */
public final class Rules<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String RULES_FILE_CONFIG = "rules.file";
    public static final String RULES_CONFIG = "rules";
    public static final String TAG_HEADER_CONFIG = "tag.header";
    public static final String DEFAULT_TAG_HEADER = "tributary.rule.failed";

    private static final String GROUP = "Rules";

    /** What {@code validate()} checks: the rules are compiled there too, so a broken rule is named early. */
    public static final ConfigDef CONFIG_DEF = configDef(true);
    /** What {@link #configure} parses with: it compiles the rules itself, once. */
    private static final ConfigDef PARSE_DEF = configDef(false);

    private static ConfigDef configDef(boolean compileRules) {
        return new ConfigDef()
                .define(RULES_FILE_CONFIG, Type.STRING, null, compileRules ? new RuleSetValidator(true) : null,
                        Importance.HIGH, "Path of a rule file (YAML, or JSON) on every worker. Give this or '"
                                + RULES_CONFIG + "', not both. See docs/rules.md for the format.",
                        GROUP, 1, Width.LONG, "Rule file")
                .define(RULES_CONFIG, Type.STRING, null, compileRules ? new RuleSetValidator(false) : null,
                        Importance.HIGH, "The rules inline, in the rule-file format (YAML, or JSON on one line), "
                                + "e.g. {\"rules\":[{\"id\":\"no_bots\",\"filter\":\"!value.bot\"}]}. Give this or '"
                                + RULES_FILE_CONFIG + "', not both.",
                        GROUP, 2, Width.LONG, "Inline rules")
                .define(TAG_HEADER_CONFIG, Type.STRING, DEFAULT_TAG_HEADER, new ConfigDef.NonEmptyString(),
                        Importance.LOW, "Header added once per failed validation with on_failure: tag; its value "
                                + "is the rule's id. A record failing two such rules carries two headers of this "
                                + "name.",
                        GROUP, 3, Width.MEDIUM, "Tag header");
    }

    private RuleSet rules;
    private AddedFields derivedFields;
    private String[] derivedNames;
    private String tagHeader;

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(PARSE_DEF, props);
        rules = load(config.getString(RULES_FILE_CONFIG), config.getString(RULES_CONFIG));
        Map<String, Schema> schemas = new LinkedHashMap<>();
        rules.derivedFields().forEach((field, type) -> schemas.put(field, type.schema()));
        derivedFields = new AddedFields("Rules", schemas);
        derivedNames = schemas.keySet().toArray(String[]::new);
        tagHeader = config.getString(TAG_HEADER_CONFIG);
    }

    /** The compiled rules, for tests and tools that want to apply the very same rules elsewhere. */
    public RuleSet ruleSet() {
        return rules;
    }

    @Override
    public R apply(R record) {
        Object value = record.value();
        if (value == null) {
            return record;  // a tombstone has no fields to judge; keep it for compaction and deletes
        }
        RuleSet.Evaluation outcome;
        try {
            outcome = rules.evaluate(value, record.key(), record.topic(), record.timestamp(),
                    () -> headerValues(record.headers()));
        } catch (RuleViolationException | IllegalArgumentException e) {
            throw new DataException("Rules: " + e.getMessage() + ", in record " + RecordDescription.of(record), e);
        }
        if (outcome.dropped()) {
            return null;
        }
        if (outcome.derived().isEmpty() && outcome.failures().isEmpty()) {
            return record;
        }
        Headers headers = record.headers();
        if (!outcome.failures().isEmpty()) {
            headers = headers.duplicate();
            for (RuleFailure failure : outcome.failures()) {
                headers.addString(tagHeader, failure.ruleId());
            }
        }
        Schema schema = record.valueSchema();
        Object newValue = value;
        if (!derivedFields.isEmpty()) {
            if (value instanceof Struct struct) {
                schema = derivedFields.schema(struct.schema());
            }
            Object[] values = new Object[derivedNames.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = outcome.derived().get(derivedNames[i]);
            }
            newValue = derivedFields.add(record, value, schema, values);
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                schema, newValue, record.timestamp(), headers);
    }

    /** The headers as {@code headers.<name>} shows them: the last value of each name. */
    private static Map<String, ?> headerValues(Headers headers) {
        Map<String, Object> values = new HashMap<>();
        for (Header header : headers) {
            values.put(header.key(), header.value());
        }
        return values;
    }

    static RuleSet load(String file, String inline) {
        boolean hasFile = file != null && !file.isBlank();
        boolean hasInline = inline != null && !inline.isBlank();
        if (hasFile == hasInline) {
            throw new ConfigException("Rules needs exactly one of '" + RULES_FILE_CONFIG + "' and '"
                    + RULES_CONFIG + "'");
        }
        String key = hasFile ? RULES_FILE_CONFIG : RULES_CONFIG;
        try {
            return hasFile ? RuleSet.load(Path.of(file.trim())) : RuleSet.parse(inline);
        } catch (InvalidRuleException e) {
            throw new ConfigException(key, hasFile ? file : "(inline rules)", e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(key, hasFile ? file : "(inline rules)", "cannot read the rules: " + e);
        }
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

    /** Compiles the rules when the config is validated, so a connector's validate() names the broken rule. */
    private static final class RuleSetValidator implements ConfigDef.Validator {
        private final boolean file;

        RuleSetValidator(boolean file) {
            this.file = file;
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && !((String) value).isBlank()) {
                load(file ? (String) value : null, file ? null : (String) value);
            }
        }

        @Override
        public String toString() {
            return file ? "a readable rule file" : "rules in the rule-file format";
        }
    }
}
