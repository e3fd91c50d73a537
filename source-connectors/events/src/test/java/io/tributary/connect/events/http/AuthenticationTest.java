package io.tributary.connect.events.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.events.TaskHarness;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unauthenticated or badly signed requests get 401 and never reach the queue; TLS serves HTTPS. */
class AuthenticationTest {

    private static final String BODY = "{\"url\": \"/\"}";

    @Test
    void bearerTokensAreRequiredWhenConfiguredAndAnyConfiguredOneIsAccepted() throws Exception {
        try (TaskHarness task = TaskHarness.acking(Map.of("auth.bearer.tokens", "old-token, new-token"))) {
            HttpResponse<String> none = task.post("clicks", "application/json", BODY);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            assertThat(task.post("clicks", "application/json", BODY, "Authorization", "Bearer wrong")
                    .statusCode()).isEqualTo(401);
            assertThat(task.post("clicks", "application/json", BODY, "Authorization", "Basic b2xkLXRva2Vu")
                    .statusCode()).isEqualTo(401);
            assertThat(task.polled()).isEmpty();

            assertThat(task.post("clicks", "application/json", BODY, "Authorization", "Bearer old-token")
                    .statusCode()).isEqualTo(200);
            assertThat(task.post("clicks", "application/json", BODY, "Authorization", "bearer new-token")
                    .statusCode()).isEqualTo(200);
            assertThat(task.polled()).hasSize(2);
        }
    }

    @Test
    void signedRequestsMustCarryAFreshSignatureOfTheirBody() throws Exception {
        String secret = "shh-its-a-secret";
        try (TaskHarness task = TaskHarness.acking(Map.of("auth.hmac.secret", secret,
                "auth.hmac.max.skew.ms", "60000"))) {
            String now = Long.toString(System.currentTimeMillis() / 1000);
            String stale = Long.toString(System.currentTimeMillis() / 1000 - 120);

            assertThat(status(task)).isEqualTo(401);
            assertThat(status(task, "X-Tributary-Timestamp", now, "X-Tributary-Signature",
                    "sha256=" + sign("other-secret", now, BODY))).isEqualTo(401);
            assertThat(status(task, "X-Tributary-Timestamp", now, "X-Tributary-Signature",
                    "sha256=" + sign(secret, now, BODY + " "))).isEqualTo(401);
            assertThat(status(task, "X-Tributary-Timestamp", stale, "X-Tributary-Signature",
                    "sha256=" + sign(secret, stale, BODY))).isEqualTo(401);
            assertThat(status(task, "X-Tributary-Timestamp", now, "X-Tributary-Signature", "sha256=zz"))
                    .isEqualTo(401);
            assertThat(status(task, "X-Tributary-Timestamp", "yesterday", "X-Tributary-Signature",
                    "sha256=" + sign(secret, now, BODY))).isEqualTo(401);
            assertThat(task.polled()).isEmpty();

            assertThat(status(task, "X-Tributary-Timestamp", now, "X-Tributary-Signature",
                    "sha256=" + sign(secret, now, BODY))).isEqualTo(200);
            assertThat(task.polled()).hasSize(1);
        }
    }

    @Test
    void withAKeystoreTheServerSpeaksHttpsOnly(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "events", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).build();

        try (TaskHarness task = TaskHarness.withClient(Map.of("http.tls.keystore.location", keystore.toString(),
                "http.tls.keystore.password", "changeit"), client)) {
            HttpRequest https = HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:" + task.port()
                    + "/v1/events/clicks")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
            assertThat(client.send(https, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            HttpClient untrusting = HttpClient.newHttpClient();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> untrusting.send(https, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
            HttpRequest plain = HttpRequest.newBuilder(task.uri("/health")).GET().build();
            HttpResponse<String> overHttp = null;
            try {
                overHttp = untrusting.send(plain, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException expected) {
                // The TLS connector may also just drop a plaintext request.
            }
            if (overHttp != null) {
                assertThat(overHttp.statusCode()).isEqualTo(400);
            }
            assertThat(task.polled()).hasSize(1);
        }
    }

    private static int status(TaskHarness task, String... headers) throws Exception {
        return task.post("clicks", "application/json", BODY, headers).statusCode();
    }

    static String sign(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
