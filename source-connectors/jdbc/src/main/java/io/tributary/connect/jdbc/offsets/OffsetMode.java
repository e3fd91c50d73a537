package io.tributary.connect.jdbc.offsets;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a table is read, as recorded in its offset: a position written in one mode means nothing in another,
 * so a task compares the stored mode with the configured one before using an offset.
 */
public enum OffsetMode {
    /** Whole-table snapshots. */
    SNAPSHOT("snapshot"),
    /** New rows by a strictly increasing column. */
    INCREMENTING("incrementing"),
    /** New and changed rows by a last-modified timestamp column. */
    TIMESTAMP("timestamp"),
    /** By timestamp, with an incrementing column ordering rows that share a timestamp. */
    TIMESTAMP_INCREMENTING("timestamp+incrementing");

    private final String text;

    OffsetMode(String text) {
        this.text = text;
    }

    /** How the mode is written in offsets. */
    public String text() {
        return text;
    }

    public boolean usesTimestamp() {
        return this == TIMESTAMP || this == TIMESTAMP_INCREMENTING;
    }

    public boolean usesIncrementing() {
        return this == INCREMENTING || this == TIMESTAMP_INCREMENTING;
    }

    public static Optional<OffsetMode> fromText(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(mode -> mode.text.equals(wanted)).findFirst();
    }

    @Override
    public String toString() {
        return text;
    }
}
