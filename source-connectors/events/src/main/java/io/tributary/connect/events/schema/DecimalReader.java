package io.tributary.connect.events.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.kafka.connect.data.Schema;

/**
 * Avro decimal to Connect {@code Decimal} of the schema's scale. Money must arrive exactly or not at all: a JSON
 * number is taken from its text (never through a double), and a value that would need rounding, or more digits
 * than the precision, is invalid. Fewer fraction digits are padded, as Connect needs the schema's scale.
 */
final class DecimalReader extends ValueReader {

    /** Longer numeric strings are not decimals of any precision Avro allows; they are not parsed at all. */
    private static final int MAX_TEXT_LENGTH = 400;

    private final int precision;
    private final int scale;
    private final BigDecimal zero;
    private final String type;

    DecimalReader(Schema schema, int precision, int scale) {
        super(schema);
        this.precision = precision;
        this.scale = scale;
        this.zero = BigDecimal.ZERO.setScale(scale);
        this.type = "decimal(" + precision + ", " + scale + ")";
    }

    @Override
    Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
        BigDecimal value;
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            value = parser.getDecimalValue();
        } else if (token == JsonToken.VALUE_STRING) {
            value = parse(parser.getText());
        } else {
            throw Mismatch.expected("a " + type + " as a number or a numeric string", token);
        }
        return fit(value);
    }

    private BigDecimal parse(String text) throws Mismatch {
        if (text.length() <= MAX_TEXT_LENGTH) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                // Reported below, the same as an overlong text.
            }
        }
        throw Mismatch.of("expected a " + type + ", got a string that is not a decimal number");
    }

    /**
     * The value at the schema's scale. The digit counts are checked before any rescaling, so that an exponent
     * such as {@code 1e999999999} costs nothing.
     */
    private BigDecimal fit(BigDecimal value) throws Mismatch {
        if (value.signum() == 0) {
            return zero;
        }
        if (value.precision() - value.scale() > precision - scale) {
            throw Mismatch.of("more integer digits than " + type + " holds");
        }
        if (value.scale() > scale) {
            // Extra fraction digits are fine only when they are zeros: anything else would be rounded away.
            if (value.scale() - scale >= value.precision()) {
                throw tooFine();
            }
            try {
                return value.setScale(scale, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw tooFine();
            }
        }
        return value.scale() == scale ? value : value.setScale(scale);
    }

    private Mismatch tooFine() {
        return Mismatch.of("more than " + scale + " fraction digits, which " + type + " would round");
    }
}
