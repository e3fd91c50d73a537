package io.tributary.connect.jdbc.schema;

import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Schema names that tell consumers what a STRING holds. They are Debezium's, which the Iceberg sink (and
 * other consumers) already recognise: the sink writes a STRING named {@link #UUID} to a {@code uuid} column.
 */
public final class SemanticTypes {

    /** A UUID in its canonical text form. */
    public static final String UUID = "io.debezium.data.Uuid";
    /** A JSON document as text. */
    public static final String JSON = "io.debezium.data.Json";

    private SemanticTypes() {
    }

    static SchemaBuilder uuid() {
        return SchemaBuilder.string().name(UUID).version(1);
    }

    static SchemaBuilder json() {
        return SchemaBuilder.string().name(JSON).version(1);
    }
}
