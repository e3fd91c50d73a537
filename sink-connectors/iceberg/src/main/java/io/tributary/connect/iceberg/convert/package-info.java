/**
 * From Kafka Connect values to Iceberg rows, in three steps that the sink runs in this order.
 *
 * <ol>
 *   <li>{@link io.tributary.connect.iceberg.convert.IcebergSchemas} says which Iceberg schema a record needs:
 *       from its Connect value schema, or, for schemaless values, by the documented inference rule.</li>
 *   <li>{@link io.tributary.connect.iceberg.convert.SchemaEvolution} compares that with the table by field
 *       name and plans the additive changes (new optional columns, promotions, relaxed requirements) or
 *       reports why the record cannot fit.</li>
 *   <li>{@link io.tributary.connect.iceberg.convert.RecordConverter} turns the value into a record of the
 *       table's (possibly evolved) schema for Iceberg's generic writers.</li>
 * </ol>
 *
 * <p>Steps 2 and 3 agree on what "fits": a plan asks for no change exactly when the converter can write the
 * incoming type into the column as it is ({@code ColumnFit}). Failures are
 * {@link org.apache.kafka.connect.errors.DataException}s that name field paths and types, never values.
 */
package io.tributary.connect.iceberg.convert;
