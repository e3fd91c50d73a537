package io.tributary.connect.events.schema;

import static io.tributary.connect.events.schema.Events.field;
import static io.tributary.connect.events.schema.Events.reasonFor;
import static io.tributary.connect.events.schema.Events.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AvroDecimalTest {

    private static final AvroEventReader WIDE =
            field("{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 29, \"scale\": 9}");
    private static final AvroEventReader PRICE =
            field("{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 10, \"scale\": 2}");

    @Test
    void isAConnectDecimalOfTheScaleWithThePrecisionAsAParameter() {
        Schema schema = WIDE.schema().field("f").schema();
        assertThat(schema.name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(schema.parameters()).containsEntry(Decimal.SCALE_FIELD, "9")
                .containsEntry("connect.decimal.precision", "29");
        assertThat(schema.isOptional()).isFalse();
    }

    @Test
    void readsJsonNumbersExactlyNeverThroughADouble() {
        assertThat(valueOf(WIDE, "12345678901234567890.123456789"))
                .isEqualTo(new BigDecimal("12345678901234567890.123456789"));
        assertThat(valueOf(WIDE, "-99999999999999999999.999999999"))
                .isEqualTo(new BigDecimal("-99999999999999999999.999999999"));
        assertThat(valueOf(PRICE, "0.1")).isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void readsNumericStringsAlike() {
        assertThat(valueOf(WIDE, "\"12345678901234567890.123456789\""))
                .isEqualTo(new BigDecimal("12345678901234567890.123456789"));
        assertThat(valueOf(PRICE, "\"-4.5\"")).isEqualTo(new BigDecimal("-4.50"));
        assertThat(valueOf(PRICE, "\"1.5e2\"")).isEqualTo(new BigDecimal("150.00"));
    }

    @Test
    void padsFewerFractionDigitsToTheScale() {
        BigDecimal value = (BigDecimal) valueOf(PRICE, "19");
        assertThat(value).isEqualTo(new BigDecimal("19.00"));
        assertThat(value.scale()).isEqualTo(2);
        assertThat(((BigDecimal) valueOf(PRICE, "2e3")).scale()).isEqualTo(2);
        assertThat(valueOf(PRICE, "0")).isEqualTo(new BigDecimal("0.00"));
        assertThat(valueOf(PRICE, "0e999999999")).isEqualTo(new BigDecimal("0.00"));
        assertThat(valueOf(PRICE, "\"-0.000000\"")).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void takesExtraFractionDigitsOnlyWhenTheyAreZeros() {
        assertThat(valueOf(PRICE, "19.990")).isEqualTo(new BigDecimal("19.99"));
        assertThat(valueOf(PRICE, "\"19.9900000\"")).isEqualTo(new BigDecimal("19.99"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"19.999", "0.001", "\"19.991\"", "1e-3", "1e-999999999", "12345678901234567890.1234567891"})
    void refusesWhatWouldBeRounded(String json) {
        AvroEventReader reader = json.length() > 20 ? WIDE : PRICE;
        String type = reader == WIDE ? "decimal(29, 9)" : "decimal(10, 2)";
        String scale = reader == WIDE ? "9" : "2";
        assertThat(reasonFor(reader, json))
                .isEqualTo("field 'f': more than " + scale + " fraction digits, which " + type + " would round");
    }

    @ParameterizedTest
    @ValueSource(strings = {"100000000", "\"-123456789.5\"", "1e8", "1e999999999"})
    void refusesMoreDigitsThanThePrecision(String json) {
        assertThat(reasonFor(PRICE, json)).isEqualTo("field 'f': more integer digits than decimal(10, 2) holds");
    }

    @Test
    void readsTheLargestValueThePrecisionHolds() {
        assertThat(valueOf(PRICE, "99999999.99")).isEqualTo(new BigDecimal("99999999.99"));
    }

    @Test
    void refusesOtherKindsAndTextNamingNoValue() {
        assertThat(reasonFor(PRICE, "\"12,50\""))
                .isEqualTo("field 'f': expected a decimal(10, 2), got a string that is not a decimal number")
                .doesNotContain("12");
        assertThat(reasonFor(PRICE, "\"\"")).contains("not a decimal number");
        assertThat(reasonFor(PRICE, "\"NaN\"")).contains("not a decimal number");
        assertThat(reasonFor(PRICE, "\"" + "1".repeat(500) + "\"")).contains("not a decimal number");
        assertThat(reasonFor(PRICE, "true"))
                .isEqualTo("field 'f': expected a decimal(10, 2) as a number or a numeric string, got a boolean");
    }

    @Test
    void readsDecimalsOnFixedAndOptionalOnes() {
        AvroEventReader fixed = field("{\"type\": \"fixed\", \"name\": \"Amount\", \"size\": 8, "
                + "\"logicalType\": \"decimal\", \"precision\": 18, \"scale\": 4}");
        assertThat(fixed.schema().field("f").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(valueOf(fixed, "12.3456")).isEqualTo(new BigDecimal("12.3456"));

        AvroEventReader optional = field("[\"null\", {\"type\": \"bytes\", \"logicalType\": \"decimal\", "
                + "\"precision\": 10, \"scale\": 2}]");
        assertThat(optional.schema().field("f").schema().isOptional()).isTrue();
        assertThat(valueOf(optional, "null")).isNull();
        assertThat(valueOf(optional, "1.25")).isEqualTo(new BigDecimal("1.25"));
    }

    @Test
    void givesValuesConnectCanSerialize() {
        Schema schema = PRICE.schema().field("f").schema();
        BigDecimal value = (BigDecimal) valueOf(PRICE, "7.5");
        assertThat(Decimal.toLogical(schema, Decimal.fromLogical(schema, value))).isEqualTo(value);
    }
}
