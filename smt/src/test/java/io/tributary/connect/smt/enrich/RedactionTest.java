package io.tributary.connect.smt.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void aUrlIsShownWithoutUserInfoOrParameters() {
        assertThat(Redaction.urlWithoutCredentials("jdbc:postgresql://app:pw@db:5432/retail?password=pw&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/retail");
        assertThat(Redaction.urlWithoutCredentials("jdbc:sqlserver://db:1433;user=app;password=pw"))
                .isEqualTo("jdbc:sqlserver://db:1433");
        assertThat(Redaction.urlWithoutCredentials("jdbc:sqlite:/data/dims.db")).isEqualTo("jdbc:sqlite:/data/dims.db");
    }

    @Test
    void messagesAndCausesLoseThePasswordAndTheRawUrl() {
        String url = "jdbc:postgresql://db/retail?password=hunter2";
        Redaction redaction = new Redaction(url, "hunter2");
        assertThat(redaction.scrub("cannot reach " + url + " as app/hunter2"))
                .isEqualTo("cannot reach jdbc:postgresql://db/retail as app/[hidden]");

        SQLException original = new SQLException("login hunter2 refused", "28P01",
                new IllegalStateException("sent hunter2"));
        SQLException scrubbed = redaction.scrub(original);
        assertThat(scrubbed.getMessage()).doesNotContain("hunter2").contains("refused");
        assertThat(scrubbed.getSQLState()).isEqualTo("28P01");
        assertThat(scrubbed.getCause().getMessage()).doesNotContain("hunter2");
        assertThat(scrubbed.getStackTrace()).isEqualTo(original.getStackTrace());
    }

    @Test
    void aPasswordGivenOnlyInTheUrlIsHiddenToo() {
        Redaction redaction = new Redaction("jdbc:postgresql://db/retail?user=app&password=hunter2&ssl=true", null);
        assertThat(redaction.scrub("password hunter2 rejected")).isEqualTo("password [hidden] rejected");
        assertThat(redaction.url()).isEqualTo("jdbc:postgresql://db/retail");
    }
}
