package io.tributary.connect.smt.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpTruncationTest {

    private final IpTruncation defaults = new IpTruncation(24, 48, false);

    @ParameterizedTest
    @CsvSource({
        "192.168.17.42, 192.168.17.0",
        "' 10.1.2.3 ', 10.1.2.0",
        "255.255.255.255, 255.255.255.0",
        "2001:db8:abcd:12:34::1, 2001:db8:abcd::",
        "2001:DB8:ABCD:0012:0000:0000:0000:0001, 2001:db8:abcd::",
        "::1, ::",
        "::ffff:192.0.2.7, 192.0.2.0",
        "fe80::1:2:3:4, fe80::",
    })
    void truncatesToTheDefaultPrefixesInCanonicalText(String input, String expected) {
        assertThat(defaults.mask(input, null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "192.168.17.42, 192.160.0.0",
        "2001:db8:abcd:12:34::1, 2001:c00::",
    })
    void truncatesToConfiguredPrefixesThatNeedNotBeWholeBytes(String input, String expected) {
        assertThat(new IpTruncation(12, 23, false).mask(input, null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4a", "localhost",
        "example.com", "fe80::1%eth0", "2001:db8::g", "1:2:3:4:5:6:7:8:9", "a.b.c.d", "1..2.3"})
    void rejectsTextThatIsNotAnAddressWithoutResolvingIt(String input) {
        assertThat(IpAddressText.parse(input)).isNull();
        assertThatThrownBy(() -> defaults.mask(input, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new IpTruncation(24, 48, true).mask(input, null)).isEqualTo(input);
    }

    @ParameterizedTest
    @CsvSource({
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "0:0:0:0:0:0:0:0, ::",
    })
    void writesIpv6AsRfc5952(String input, String expected) {
        assertThat(IpAddressText.format(IpAddressText.parse(input))).isEqualTo(expected);
    }
}
