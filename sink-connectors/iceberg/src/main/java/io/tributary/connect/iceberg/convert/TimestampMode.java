package io.tributary.connect.iceberg.convert;

/**
 * Which Iceberg type a timestamp becomes.
 *
 * <p>Connect's {@code Timestamp} logical type (and a {@link java.util.Date} in a schemaless value) is an
 * instant: milliseconds since the epoch, with no zone attached. Iceberg's {@code timestamptz} says exactly
 * that, so it is the default. Some engines and users prefer {@code timestamp} (without zone); the sink then
 * writes the instant's wall-clock time in UTC, which keeps the value unambiguous as long as every reader
 * knows the column is UTC.
 */
public enum TimestampMode {
    /** Iceberg {@code timestamptz}: the instant itself. */
    TIMESTAMPTZ,
    /** Iceberg {@code timestamp} (without zone): the instant's wall-clock time in UTC. */
    TIMESTAMP
}
