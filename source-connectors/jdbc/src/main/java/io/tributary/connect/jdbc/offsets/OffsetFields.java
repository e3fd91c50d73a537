package io.tributary.connect.jdbc.offsets;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Strict, typed reads of one stored offset map, with errors that name the table and the field. Values are not
 * echoed: a key column's value may be personal data.
 */
final class OffsetFields {

    private final TablePartition partition;
    private final Map<String, ?> map;
    private final Set<String> read = new HashSet<>();

    OffsetFields(TablePartition partition, Map<String, ?> map) {
        this.partition = partition;
        this.map = map;
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    /** Text, or null when absent. */
    String text(String key) {
        Object value = value(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        throw invalid(key, "non-empty text", value);
    }

    String requiredText(String key) {
        return required(key, text(key), "non-empty text");
    }

    /** A whole number, or null when absent. */
    Long whole(String key) {
        Object value = value(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw invalid(key, "a whole number", value);
    }

    long requiredWhole(String key) {
        return required(key, whole(key), "a whole number");
    }

    Instant epochMillis(String key) {
        return Instant.ofEpochMilli(required(key, whole(key), "epoch milliseconds"));
    }

    /** An ISO-8601 instant such as 2026-01-01T00:00:00.123456Z (an offset instead of Z is accepted), or null. */
    Instant isoInstant(String key) {
        Object value = value(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw invalid(key, "an ISO-8601 instant such as \"2026-01-01T00:00:00Z\"", value);
    }

    /** A whole number (as a Long) or non-empty text, or null when absent. */
    Object wholeOrText(String key) {
        Object value = value(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw invalid(key, "a whole number or non-empty text", value);
    }

    /** Comma-separated row counts, one per topic partition: "120,118,0". */
    long[] counts(String key) {
        String text = requiredText(key);
        String[] parts = text.split(",", -1);
        long[] counts = new long[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                counts[i] = Long.parseLong(parts[i].trim());
                if (counts[i] < 0) {
                    throw new NumberFormatException("negative");
                }
            }
        } catch (NumberFormatException e) {
            throw invalid(key, "comma-separated row counts, one per topic partition, such as \"120,118,0\"", text);
        }
        return counts;
    }

    /** Fails on any key that no read asked for: a typo or a field from another version must not be ignored. */
    void rejectUnknownKeys() {
        Set<String> unknown = new TreeSet<>(map.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new ConnectException("Offset of " + partition + " has unknown field(s) " + unknown);
        }
    }

    ConnectException invalid(String key, String expectation) {
        return new ConnectException("Offset of " + partition + ": '" + key + "' must be " + expectation);
    }

    private ConnectException invalid(String key, String expectation, Object value) {
        return new ConnectException("Offset of " + partition + ": '" + key + "' must be " + expectation
                + ", not " + describe(value));
    }

    private Object value(String key) {
        read.add(key);
        return map.get(key);
    }

    private <T> T required(String key, T value, String expectation) {
        if (value == null) {
            throw new ConnectException("Offset of " + partition + ": '" + key + "' is missing; it must be "
                    + expectation);
        }
        return value;
    }

    private static String describe(Object value) {
        if (value instanceof String text) {
            return text.isBlank() ? "empty text" : "text of another form";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
