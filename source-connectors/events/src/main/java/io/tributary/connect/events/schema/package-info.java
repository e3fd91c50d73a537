/**
 * Reads JSON events into Connect values: schemaless maps
 * ({@link io.tributary.connect.events.schema.SchemalessEventReader}), or {@code Struct}s of an Avro record schema
 * ({@link io.tributary.connect.events.schema.AvroEventReader}).
 *
 * <h2>How JSON fits an Avro schema</h2>
 * <ul>
 *   <li>boolean, int, long, float, double and string take their JSON kind only: no numbers in strings, no
 *       strings for numbers. An int or long must be an integer (no fraction or exponent) in range.</li>
 *   <li>bytes and fixed are base64 text (the standard alphabet, padding optional), a fixed of exactly its size.
 *       JSON has no binary type, and base64 is what browsers and most JSON libraries write.</li>
 *   <li>An enum is one of its symbols, as a string; Connect has no enum type, so the value is a STRING.</li>
 *   <li>A record is a JSON object, at any depth; an array a JSON array; a map a JSON object of any keys.</li>
 *   <li>A union must be [null, T] or [T, null]: an optional T, JSON null being null. Other unions are refused
 *       when the schema is configured.</li>
 *   <li>decimal is a JSON number or a numeric string, taken exactly from its text. A value that would need
 *       rounding to the scale, or has more digits than the precision, is invalid; fewer fraction digits are
 *       padded. The Connect {@code Decimal} carries the precision as {@code connect.decimal.precision}.</li>
 *   <li>date is {@code yyyy-MM-dd} or days since 1970-01-01; time-millis is {@code HH:mm[:ss[.SSS]]} or
 *       milliseconds since midnight; time-micros is the same text or microseconds since midnight, read as a
 *       plain INT64 since Connect has no such type.</li>
 *   <li>timestamp-millis, -micros and -nanos are ISO-8601 text with {@code Z} or an offset (like
 *       {@code 2026-12-02T10:15:30.123Z}), or an integer since the epoch in the schema's unit. Connect's
 *       {@code Timestamp} holds milliseconds: finer digits are truncated, towards the past. The local-timestamp
 *       types take the same text without an offset, or the number, and read the wall-clock time as UTC.</li>
 *   <li>uuid is the canonical 8-4-4-4-12 hex text, kept as sent, as a STRING.</li>
 * </ul>
 *
 * <h2>Absent and unknown fields</h2>
 * <ul>
 *   <li>An absent field with a default takes it; the default is also the Connect field's default, except on
 *       struct fields. Defaults follow Avro's rules for defaults, not the JSON rules above.</li>
 *   <li>An absent optional field without a default is null. Avro itself would need the field, or a default
 *       null; for JSON senders, leaving a field out and sending null mean the same.</li>
 *   <li>An absent required field is invalid, and so is null for one.</li>
 *   <li>A JSON field the schema lacks is skipped with all its content, or makes the event invalid when the
 *       stream rejects unknown fields.</li>
 * </ul>
 *
 * <h2>Invalid events</h2>
 * An invalid event gives an {@link io.tributary.connect.events.schema.InvalidEventException} naming the field by
 * its path ({@code items[3].sku}; a map's values as {@code attrs{}}, as keys may be personal data) and the JSON
 * type received, never the value. The rest of the event is still consumed, so that the next event of a batch can
 * be read. Text that is not JSON gives Jackson's {@code JsonParseException} instead.
 */
package io.tributary.connect.events.schema;
