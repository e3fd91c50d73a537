package io.tributary.connect.iceberg.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.Schema;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Type.PrimitiveType;
import org.apache.iceberg.types.Types;

/**
 * Plans the changes a table's schema needs so that it can take records of an incoming schema, and applies
 * them.
 *
 * <p>Fields are matched by name, at every level; the field ids of the incoming schema are ignored, since it
 * was derived from a record ({@link IcebergSchemas}) and its ids are fresh. Changes only ever widen what the
 * table accepts, so files already written stay readable: a field the table lacks is added as an optional
 * column (Iceberg cannot add a required column to existing rows), a narrower column is promoted where
 * Iceberg allows it ({@code int} to {@code long}, {@code float} to {@code double}, a decimal to a larger
 * precision), and a required column becomes optional when the incoming field is optional. Columns the
 * incoming schema lacks are left alone: their values are written as null. An incoming type narrower than
 * the column's (an {@code int} for a {@code long} column) needs no change, because the record converter
 * widens values as it writes them.
 */
public final class SchemaEvolution {

    private SchemaEvolution() {
    }

    /** The changes that let {@code table} take records of {@code incoming}, and what no change can fix. */
    public static Plan plan(Schema table, Schema incoming) {
        Planner planner = new Planner();
        planner.compareStructs(null, table.asStruct(), incoming.asStruct());
        return new Plan(planner.additions, planner.widenings, planner.madeOptional, planner.problems);
    }

    /**
     * A column to add.
     *
     * @param parent the path of the struct that gets the column (a list's {@code x.element} or a map's
     *     {@code x.value} when the struct is inside one), or null for a top-level column
     * @param type the incoming type; Iceberg assigns new ids to it when the column is added
     */
    public record AddColumn(String parent, String name, Type type, String doc) {

        public AddColumn {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        /** The column's full path. */
        public String path() {
            return IcebergSchemas.childPath(parent, name);
        }

        @Override
        public String toString() {
            return "add " + path() + " " + ConversionErrors.describe(type);
        }
    }

    /** A column promoted to a wider type. */
    public record Widening(String path, PrimitiveType from, PrimitiveType to) {

        @Override
        public String toString() {
            return "widen " + path + " " + from + " to " + to;
        }
    }

    /**
     * The outcome of {@link #plan}: the changes to make, and the problems no change can fix.
     *
     * @param madeOptional paths of required columns to make optional
     * @param problems one message per field whose incoming type the column cannot take, naming the field
     *     path and both types
     */
    public record Plan(List<AddColumn> additions, List<Widening> widenings, List<String> madeOptional,
            List<String> problems) {

        public Plan {
            additions = List.copyOf(additions);
            widenings = List.copyOf(widenings);
            madeOptional = List.copyOf(madeOptional);
            problems = List.copyOf(problems);
        }

        /** True when the table takes the incoming records as it is: nothing to change and no problem. */
        public boolean isEmpty() {
            return additions.isEmpty() && widenings.isEmpty() && madeOptional.isEmpty() && problems.isEmpty();
        }

        /** True when applying the plan lets the table take every incoming field. */
        public boolean isCompatible() {
            return problems.isEmpty();
        }

        /**
         * Stages the plan's changes on {@code update}; the caller commits it.
         *
         * <p>Requirements are relaxed and types widened before columns are added, so that each change
         * refers to fields as the table has them now.
         *
         * @throws IllegalStateException when the plan is not compatible
         */
        public void apply(UpdateSchema update) {
            if (!isCompatible()) {
                throw new IllegalStateException("An incompatible schema change cannot be applied: "
                        + String.join("; ", problems));
            }
            madeOptional.forEach(update::makeColumnOptional);
            widenings.forEach(widening -> update.updateColumn(widening.path(), widening.to()));
            additions.forEach(add -> update.addColumn(add.parent(), add.name(), add.type(), add.doc()));
        }

        /** The changes and problems in a line, for logs; it names fields and types, never values. */
        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            additions.forEach(add -> parts.add(add.toString()));
            widenings.forEach(widening -> parts.add(widening.toString()));
            madeOptional.forEach(path -> parts.add("make " + path + " optional"));
            parts.addAll(problems);
            return parts.isEmpty() ? "no change" : String.join(", ", parts);
        }
    }

    /** One comparison of a table schema with an incoming one, collecting what it finds. */
    private static final class Planner {
        final List<AddColumn> additions = new ArrayList<>();
        final List<Widening> widenings = new ArrayList<>();
        final List<String> madeOptional = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        void compareStructs(String parent, Types.StructType table, Types.StructType incoming) {
            for (Types.NestedField field : incoming.fields()) {
                Types.NestedField existing = table.field(field.name());
                if (existing == null) {
                    additions.add(new AddColumn(parent, field.name(), field.type(), field.doc()));
                } else {
                    compareFields(IcebergSchemas.childPath(parent, field.name()), existing, field, false);
                }
            }
        }

        private void compareFields(String path, Types.NestedField table, Types.NestedField incoming,
                boolean textFallback) {
            if (table.isRequired() && incoming.isOptional()) {
                madeOptional.add(path);
            }
            compareTypes(path, table.type(), incoming.type(), textFallback);
        }

        private void compareTypes(String path, Type table, Type incoming, boolean textFallback) {
            if (table.isPrimitiveType() && incoming.isPrimitiveType()) {
                comparePrimitives(path, table.asPrimitiveType(), incoming.asPrimitiveType(), textFallback);
            } else if (table.isStructType() && incoming.isStructType()) {
                compareStructs(path, table.asStructType(), incoming.asStructType());
            } else if (table.isListType() && incoming.isListType()) {
                compareFields(path + ".element", table.asListType().fields().get(0),
                        incoming.asListType().fields().get(0), true);
            } else if (table.isMapType() && incoming.isMapType()) {
                compareMaps(path, table.asMapType(), incoming.asMapType());
            } else if (!(textFallback && table.typeId() == Type.TypeID.STRING)) {
                problem(path, table, incoming);
            }
        }

        private void compareMaps(String path, Types.MapType table, Types.MapType incoming) {
            // Iceberg cannot change map keys, so a key type only passes when the column takes it as it is.
            PrimitiveType tableKey = table.keyType().asPrimitiveType();
            Type incomingKey = incoming.keyType();
            if (!incomingKey.isPrimitiveType()
                    || !tableKey.equals(ColumnFit.requiredType(tableKey, incomingKey.asPrimitiveType(), true))) {
                problem(path + ".key", tableKey, incomingKey);
            }
            compareFields(path + ".value", table.fields().get(1), incoming.fields().get(1), true);
        }

        private void comparePrimitives(String path, PrimitiveType table, PrimitiveType incoming,
                boolean textFallback) {
            PrimitiveType required = ColumnFit.requiredType(table, incoming, textFallback);
            if (required == null) {
                problem(path, table, incoming);
            } else if (!required.equals(table)) {
                widenings.add(new Widening(path, table, required));
            }
        }

        private void problem(String path, Type table, Type incoming) {
            problems.add("field '" + path + "' is " + ConversionErrors.describe(table) + " in the table but "
                    + ConversionErrors.describe(incoming) + " in the record");
        }
    }
}
