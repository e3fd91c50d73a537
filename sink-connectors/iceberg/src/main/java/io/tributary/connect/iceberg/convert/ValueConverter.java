package io.tributary.connect.iceberg.convert;

/**
 * Turns one non-null value into the Java object Iceberg's generic writers expect for one field.
 *
 * <p>Each is built once per field of a table schema and knows its field path, so converting a record is a
 * walk over prebuilt converters with no type dispatch on the schema.
 */
@FunctionalInterface
interface ValueConverter {

    /**
     * The value as Iceberg's generic type for the field.
     *
     * @param value never null; callers handle nulls, which depend on whether the field is required
     * @throws org.apache.kafka.connect.errors.DataException naming the field when the value does not fit
     */
    Object convert(Object value);
}
