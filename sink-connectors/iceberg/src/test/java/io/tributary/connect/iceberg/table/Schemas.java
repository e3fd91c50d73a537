package io.tributary.connect.iceberg.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/** A schema with a column of each kind the layout terms care about. */
final class Schemas {

    static final Schema EVENTS = new Schema(
            required(1, "id", Types.LongType.get()),
            optional(2, "name", Types.StringType.get()),
            optional(3, "ts", Types.TimestampType.withZone()),
            optional(4, "d", Types.DateType.get()),
            optional(5, "price", Types.DecimalType.of(10, 2)),
            optional(6, "score", Types.DoubleType.get()),
            optional(7, "user", Types.StructType.of(
                    optional(8, "country", Types.StringType.get()),
                    optional(9, "signup", Types.DateType.get()))),
            optional(10, "tags", Types.ListType.ofOptional(11, Types.StringType.get())),
            optional(12, "updated", Types.TimestampType.withoutZone()));

    private Schemas() {
    }
}
