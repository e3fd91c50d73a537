package io.tributary.connect.jdbc.config;

import io.tributary.connect.jdbc.schema.NumericMapping;
import io.tributary.connect.jdbc.schema.TypeMappingOptions;
import io.tributary.connect.jdbc.schema.UnsupportedTypes;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The user's choices over the type mapping (docs/jdbc-source.md, "Type mapping"). */
public final class TypeSettings {

    public static final String NUMERIC_MAPPING = "numeric.mapping";
    public static final String NUMERIC_UNCONSTRAINED_SCALE = "numeric.unconstrained.scale";
    public static final String UNSUPPORTED_TYPES = "unsupported.types";

    private static final String GROUP = "Types";

    private final AbstractConfig config;

    TypeSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(NUMERIC_MAPPING, Type.STRING, "exact", ConfigDef.CaseInsensitiveValidString.in("exact",
                        "best_fit"), Importance.MEDIUM,
                        "'exact': NUMERIC/DECIMAL columns with a precision become Connect Decimals of their scale. "
                                + "'best_fit': the smallest integer or FLOAT64 that holds every value the "
                                + "declaration allows (never loses a digit); wider columns stay Decimal.",
                        GROUP, 1, Width.SHORT, "Numeric mapping", Recommenders.of("exact", "best_fit"))
                .define(NUMERIC_UNCONSTRAINED_SCALE, Type.INT, null, ConfigDef.LambdaValidator.with(
                        (name, value) -> {
                            if (value != null) {
                                Range.between(0, 1000).ensureValid(name, value);
                            }
                        }, () -> "[0,...,1000] or unset"), Importance.LOW,
                        "Scale for NUMERIC columns without a declared precision (PostgreSQL 'numeric'). Unset: "
                                + "such columns are STRINGs holding the exact text. Set: Decimals of this scale; a "
                                + "value with more fractional digits is an error, never rounded.",
                        GROUP, 2, Width.SHORT, "Unconstrained NUMERIC scale")
                .define(UNSUPPORTED_TYPES, Type.STRING, "fail", ConfigDef.CaseInsensitiveValidString.in("fail",
                        "skip"), Importance.MEDIUM,
                        "A column whose type has no Connect mapping: 'fail' stops the table with an error naming "
                                + "table, column and type; 'skip' leaves the column out (never a key column).",
                        GROUP, 3, Width.SHORT, "Unsupported types", Recommenders.of("fail", "skip"));
    }

    public TypeMappingOptions options() {
        return new TypeMappingOptions(NumericMapping.parse(config.getString(NUMERIC_MAPPING)),
                config.getInt(NUMERIC_UNCONSTRAINED_SCALE), UnsupportedTypes.parse(config.getString(UNSUPPORTED_TYPES)));
    }
}
