package io.tributary.connect.iceberg.convert;

import org.apache.iceberg.types.Type.PrimitiveType;
import org.apache.iceberg.types.Type.TypeID;
import org.apache.iceberg.types.Types;

/**
 * What a table column of one primitive type needs in order to take values described by another primitive
 * type: nothing, an Iceberg type promotion, or the impossible.
 *
 * <p>"Nothing" is decided by what {@link RecordConverter} writes without loss, so that a plan never asks
 * for a change the converter does not need, and never passes a value the converter would reject by type:
 * an {@code int} goes into a {@code long} column, whole numbers into {@code float} and {@code double}
 * columns (checked exact per value), a {@code float} into a {@code double}, a decimal into a decimal of a
 * larger scale (checked for precision per value), either kind of timestamp into the other, a UUID into a
 * {@code string} column and text into a {@code uuid} column (checked per value). Promotions are the ones
 * Iceberg allows: {@code int} to {@code long}, {@code float} to {@code double}, and a decimal to a larger
 * precision of the same scale.
 */
final class ColumnFit {

    private ColumnFit() {
    }

    /**
     * The type the column must have to take {@code incoming} values: {@code column} itself when it takes them
     * as it is, a promoted type, or null when no promotion helps.
     *
     * @param textFallback true inside lists and maps, where a {@code string} column takes any value as JSON
     */
    static PrimitiveType requiredType(PrimitiveType column, PrimitiveType incoming, boolean textFallback) {
        if (column.equals(incoming) || takesAsIs(column, incoming, textFallback)) {
            return column;
        }
        if (column.typeId() == TypeID.INTEGER && incoming.typeId() == TypeID.LONG) {
            return Types.LongType.get();
        }
        if (column.typeId() == TypeID.FLOAT && incoming.typeId() == TypeID.DOUBLE) {
            return Types.DoubleType.get();
        }
        if (column instanceof Types.DecimalType have && incoming instanceof Types.DecimalType want
                && have.scale() == want.scale() && want.precision() > have.precision()) {
            return want;
        }
        return null;
    }

    private static boolean takesAsIs(PrimitiveType column, PrimitiveType incoming, boolean textFallback) {
        TypeID from = incoming.typeId();
        return switch (column.typeId()) {
            case LONG -> from == TypeID.INTEGER;
            case FLOAT -> from == TypeID.INTEGER || from == TypeID.LONG;
            case DOUBLE -> from == TypeID.INTEGER || from == TypeID.LONG || from == TypeID.FLOAT;
            case DECIMAL -> incoming instanceof Types.DecimalType decimal
                    && decimal.scale() < ((Types.DecimalType) column).scale();
            case TIMESTAMP -> from == TypeID.TIMESTAMP;
            case STRING -> textFallback || from == TypeID.UUID;
            case UUID -> from == TypeID.STRING;
            case FIXED -> from == TypeID.BINARY;
            default -> false;
        };
    }
}
