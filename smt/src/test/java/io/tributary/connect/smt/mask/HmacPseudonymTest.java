package io.tributary.connect.smt.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HmacPseudonymTest {

    /** The precomputed-state HMAC agrees with the JDK's for keys shorter, equal to and longer than a block. */
    @ParameterizedTest
    @ValueSource(ints = {16, 32, 63, 64, 65, 200})
    void agreesWithTheJdksHmacSha256(int keyLength) throws Exception {
        Random random = new Random(keyLength);
        byte[] key = new byte[keyLength];
        random.nextBytes(key);
        HmacPseudonym pseudonym = new HmacPseudonym(key);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));

        for (int length = 0; length < 300; length += 7) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            assertThat(pseudonym.hmac(message)).isEqualTo(mac.doFinal(message));
        }
    }
}
