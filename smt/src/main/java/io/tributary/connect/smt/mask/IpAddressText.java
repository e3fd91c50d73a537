package io.tributary.connect.smt.mask;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses and writes IP address literals without ever resolving a name: {@link InetAddress#getByName} would
 * send anything that is not a literal to DNS, once per record, so it is only called on text it is certain to
 * treat as an IPv6 literal.
 */
final class IpAddressText {

    private IpAddressText() {
    }

    /** The address bytes (4 or 16), or {@code null} when the text is not an IPv4 or IPv6 literal. */
    static byte[] parse(String text) {
        if (text.indexOf(':') < 0) {
            return parseIpv4(text);
        }
        // A zone id (%eth0) would make the JDK look up a network interface; there is no host part to keep anyway.
        if (text.indexOf('%') >= 0 || !(text.charAt(0) == ':' || Character.digit(text.charAt(0), 16) >= 0)) {
            return null;
        }
        try {
            // Starting with a hex digit or ':' and containing ':', the JDK parses this as an IPv6 literal or fails.
            InetAddress address = InetAddress.getByName(text);
            return address.getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Dotted quad for 4 bytes, RFC 5952 text (lowercase, longest zero run compressed) for 16. */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;  // RFC 5952: a single zero group is not compressed
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
            i += length;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static byte[] parseIpv4(String text) {
        byte[] address = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part == 4) {
                    return null;
                }
                address[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                // Leading zeros are refused: some parsers read 010 as octal 8, so its meaning is ambiguous.
                if (value == 0) {
                    return null;
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? address : null;
    }
}
