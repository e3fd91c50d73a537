package io.tributary.connect.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalTextTest {

    @Test
    void writesNumbersByValue() {
        assertThat(List.of(42, 42L, (short) 42, (byte) 42, 42.0, 42.0f, new BigDecimal("42.00"),
                BigInteger.valueOf(42))).allSatisfy(n -> assertThat(CanonicalText.of(n)).isEqualTo("42"));
        assertThat(CanonicalText.of(12.5)).isEqualTo("12.5");
        assertThat(CanonicalText.of(new BigDecimal("12.50"))).isEqualTo("12.5");
        assertThat(CanonicalText.of(0.1f)).isEqualTo("0.1");
        assertThat(CanonicalText.of(1e20)).isEqualTo("100000000000000000000");
        assertThat(CanonicalText.of(-0.0)).isEqualTo("0");
        assertThat(CanonicalText.of(new BigDecimal("0.000"))).isEqualTo("0");
        assertThat(CanonicalText.of(Double.NaN)).isEqualTo("NaN");
        assertThat(CanonicalText.of(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void writesOtherScalarsAndRefusesContainers() {
        assertThat(CanonicalText.of("x")).isEqualTo("x");
        assertThat(CanonicalText.of(true)).isEqualTo("true");
        assertThat(CanonicalText.of(new Date(1764022530123L))).isEqualTo("1764022530123");
        assertThatThrownBy(() -> CanonicalText.of(Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalText.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
