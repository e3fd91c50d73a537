package io.tributary.connect.smt.predicates;

import io.tributary.connect.smt.CanonicalText;
import io.tributary.connect.smt.FieldPath;
import io.tributary.connect.smt.RecordDescription;
import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Matches records by the value of one field of the value or the key, nested paths included: equal to a text,
 * matching a regular expression in full, one of a list, or null. Values are compared in their
 * {@link CanonicalText}, so {@code value=42} matches the number 42 whether it arrived as an INT32, an INT64,
 * a decimal 42.00 or the text "42", the same in batch and stream. A field that is absent counts as null.
 */
public final class FieldMatches<R extends ConnectRecord<R>> implements Predicate<R>, Versioned {

    public static final String FIELD_CONFIG = "field";
    public static final String ON_CONFIG = "on";
    public static final String MATCH_CONFIG = "match";
    public static final String VALUE_CONFIG = "value";
    public static final String VALUES_CONFIG = "values";

    public static final String ON_VALUE = "value";
    public static final String ON_KEY = "key";

    /** How the field's value is compared, by the name it has in the {@code match} setting. */
    enum Match { EQUALS, REGEX, IN, IS_NULL }

    private static final String GROUP = "Field match";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(FIELD_CONFIG, Type.STRING, "", Importance.HIGH,
                    "Path of the field to test, dotted for nested fields, e.g. 'user.country'; empty tests the "
                            + "whole value or key (e.g. a string key).",
                    GROUP, 1, Width.MEDIUM, "Field")
            .define(ON_CONFIG, Type.STRING, ON_VALUE, ConfigDef.CaseInsensitiveValidString.in(ON_VALUE, ON_KEY),
                    Importance.MEDIUM, "Whether the field is read from the record value or the key.",
                    GROUP, 2, Width.SHORT, "Record part")
            .define(MATCH_CONFIG, Type.STRING, "equals", ConfigDef.CaseInsensitiveValidString.in("equals", "regex",
                    "in", "is-null"), Importance.HIGH, "equals: the field's text is 'value'; regex: the whole text "
                            + "matches the Java regular expression 'value'; in: the text is one of 'values'; "
                            + "is-null: the field is null or absent. Numbers, booleans and timestamps compare by "
                            + "their canonical text (42.0 is '42', a timestamp is its epoch millis).",
                    GROUP, 3, Width.SHORT, "Match")
            .define(VALUE_CONFIG, Type.STRING, null, Importance.HIGH,
                    "The text for equals, or the regular expression for regex.",
                    GROUP, 4, Width.MEDIUM, "Value")
            .define(VALUES_CONFIG, Type.LIST, List.of(), Importance.HIGH,
                    "The texts for in, comma-separated.",
                    GROUP, 5, Width.LONG, "Values");

    private FieldPath field;
    private boolean onKey;
    private Match match;
    private String expected;
    private Pattern pattern;
    private Set<String> allowed;

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        String path = config.getString(FIELD_CONFIG).trim();
        try {
            field = path.isEmpty() ? null : FieldPath.parse(path);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(FIELD_CONFIG, path, e.getMessage());
        }
        onKey = ON_KEY.equalsIgnoreCase(config.getString(ON_CONFIG));
        match = Match.valueOf(config.getString(MATCH_CONFIG).toUpperCase(Locale.ROOT).replace('-', '_'));
        expected = config.getString(VALUE_CONFIG);
        if ((match == Match.EQUALS || match == Match.REGEX) && expected == null) {
            throw new ConfigException(VALUE_CONFIG, null, "is required when match is "
                    + match.name().toLowerCase(Locale.ROOT));
        }
        if (match == Match.REGEX) {
            try {
                pattern = Pattern.compile(expected);
            } catch (PatternSyntaxException e) {
                throw new ConfigException(VALUE_CONFIG, expected, "is not a regular expression: " + e.getDescription());
            }
        }
        allowed = new HashSet<>(config.getList(VALUES_CONFIG));
        if (match == Match.IN && allowed.isEmpty()) {
            throw new ConfigException(VALUES_CONFIG, "", "must list at least one text when match is in");
        }
    }

    @Override
    public boolean test(R record) {
        Object container = onKey ? record.key() : record.value();
        Object value = field == null ? container : field.get(container);
        if (match == Match.IS_NULL || value == null) {
            return match == Match.IS_NULL && value == null;
        }
        String text;
        try {
            text = CanonicalText.of(value);
        } catch (IllegalArgumentException e) {
            throw new DataException("FieldMatches: field '" + (field == null ? "" : field) + "' of record "
                    + RecordDescription.of(record) + ": " + e.getMessage());
        }
        return switch (match) {
            case EQUALS -> expected.equals(text);
            case REGEX -> pattern.matcher(text).matches();
            case IN -> allowed.contains(text);
            case IS_NULL -> throw new AssertionError("handled above");
        };
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
}
