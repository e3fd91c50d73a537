package io.tributary.connect.smt.mask;

import io.tributary.connect.smt.FieldPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of the {@code fields} setting, {@code path:rule}: a field path and how to mask it, e.g.
 * {@code user.email:hmac}, {@code card:keep-last:4}, {@code ip:ip-truncate}, {@code notes:redact}. Parsing is
 * the whole validation, so the config validator and the transform accept exactly the same entries.
 */
public record MaskedField(FieldPath path, Kind kind, int keepLast) {

    /** The masking rules, by the name they have in the {@code fields} setting. */
    public enum Kind {
        HMAC("hmac"), KEEP_LAST("keep-last"), REDACT("redact"), IP_TRUNCATE("ip-truncate");

        private final String configName;

        Kind(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }

    public static final String SYNTAX = "path:hmac, path:keep-last:N, path:redact or path:ip-truncate";

    /** Parses one entry; {@link IllegalArgumentException} with a message naming the entry when it is wrong. */
    public static MaskedField parse(String entry) {
        String trimmed = entry.trim();
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + trimmed + "' has no rule: write " + SYNTAX);
        }
        FieldPath path;
        try {
            path = FieldPath.parse(trimmed.substring(0, colon).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + trimmed + "': " + e.getMessage());
        }
        String rule = trimmed.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        if (rule.startsWith(Kind.KEEP_LAST.configName() + ":")) {
            return new MaskedField(path, Kind.KEEP_LAST, keepCount(trimmed, rule));
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.KEEP_LAST && kind.configName().equals(rule)) {
                return new MaskedField(path, kind, 0);
            }
        }
        throw new IllegalArgumentException("'" + trimmed + "' has an unknown rule '" + rule + "': write " + SYNTAX);
    }

    /**
     * Parses every entry and checks they do not overlap: one rule per field, and no rule on a field inside
     * another masked field ({@code user:redact} with {@code user.email:hmac}), where the order would matter.
     */
    public static List<MaskedField> parseAll(List<String> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("name at least one field to mask: " + SYNTAX);
        }
        List<MaskedField> fields = new ArrayList<>(entries.size());
        Set<String> paths = new HashSet<>();
        for (String entry : entries) {
            MaskedField field = parse(entry);
            if (!paths.add(field.path().toString())) {
                throw new IllegalArgumentException("field '" + field.path() + "' has more than one rule");
            }
            fields.add(field);
        }
        for (MaskedField outer : fields) {
            for (MaskedField inner : fields) {
                if (inner != outer && inner.path().toString().startsWith(outer.path() + ".")) {
                    throw new IllegalArgumentException("field '" + inner.path() + "' lies inside masked field '"
                            + outer.path() + "': mask one or the other");
                }
            }
        }
        return fields;
    }

    private static int keepCount(String entry, String rule) {
        String count = rule.substring(Kind.KEEP_LAST.configName().length() + 1).trim();
        try {
            int keep = Integer.parseInt(count);
            if (keep >= 0) {
                return keep;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + entry + "': keep-last needs a count of characters to keep, "
                + "0 or more, e.g. keep-last:4");
    }
}
