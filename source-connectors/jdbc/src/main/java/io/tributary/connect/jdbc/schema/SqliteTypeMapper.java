package io.tributary.connect.jdbc.schema;

import java.util.Locale;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * SQLite's types. SQLite stores each value with its own storage class (INTEGER, REAL, TEXT, BLOB) whatever
 * the column declares, so the declared type decides the Connect type, and every value is checked against it
 * when read (a TEXT value in an INTEGER column is an error, never a silent 0).
 *
 * <p>Declared names first: BOOLEAN/BOOL, DATE, DATETIME/TIMESTAMP, TIME, UUID, JSON and NUMERIC/DECIMAL
 * (with or without {@code (p,s)}). Other declarations follow SQLite's affinity rules: a name containing
 * INT is INT64 (every SQLite integer has 8 bytes, whatever width is declared); CHAR, CLOB or TEXT is STRING;
 * BLOB is BYTES; REAL, FLOA or DOUB is FLOAT64. Remaining names (NUMERIC affinity, such as {@code STRING} or
 * {@code MONEY}) are unsupported: their values could be numbers or text. sqlite-jdbc reports a column
 * declared without a type as NUMERIC, so it follows the NUMERIC rule.
 */
public final class SqliteTypeMapper implements TypeMapper {

    @Override
    public ColumnMapping map(JdbcColumn column, TypeMappingOptions options) {
        String declared = column.typeName().strip().toUpperCase(Locale.ROOT);
        switch (declared) {
            case "BOOLEAN", "BOOL":
                return ColumnMapping.of(SchemaBuilder.bool(), column, SqliteValues.BOOLEAN);
            case "DATE":
                return ColumnMapping.of(Date.builder(), column, SqliteValues.DATE);
            case "DATETIME", "TIMESTAMP":
                return ColumnMapping.of(Timestamp.builder(), column, SqliteValues.TIMESTAMP);
            case "TIME":
                return ColumnMapping.of(Time.builder(), column, SqliteValues.TIME);
            case "UUID":
                return ColumnMapping.of(SemanticTypes.uuid(), column, SqliteValues.TEXT);
            case "JSON", "JSONB":
                return ColumnMapping.of(SemanticTypes.json(), column, SqliteValues.TEXT);
            case "NUMERIC", "DECIMAL":
                return NumericColumns.map(column, options, SqliteValues.BIG_DECIMAL, SqliteValues.NUMBER_TEXT);
            default:
                return byAffinity(declared, column);
        }
    }

    /** SQLite's rules for a column's affinity (https://www.sqlite.org/datatype3.html, section 3.1). */
    private static ColumnMapping byAffinity(String declared, JdbcColumn column) {
        if (declared.contains("INT")) {
            return ColumnMapping.of(SchemaBuilder.int64(), column, SqliteValues.INT64);
        }
        if (declared.contains("CHAR") || declared.contains("CLOB") || declared.contains("TEXT")) {
            return ColumnMapping.of(SchemaBuilder.string(), column, SqliteValues.TEXT);
        }
        if (declared.contains("BLOB")) {
            return ColumnMapping.of(SchemaBuilder.bytes(), column, SqliteValues.BYTES);
        }
        if (declared.contains("REAL") || declared.contains("FLOA") || declared.contains("DOUB")) {
            return ColumnMapping.of(SchemaBuilder.float64(), column, SqliteValues.FLOAT64);
        }
        return null;
    }
}
