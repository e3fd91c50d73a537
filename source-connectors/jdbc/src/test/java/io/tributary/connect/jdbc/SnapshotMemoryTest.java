package io.tributary.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A snapshot is streamed, never loaded: a task in a JVM with a 48 MB heap snapshots a table of about 130 MB.
 */
class SnapshotMemoryTest {

    private static final int ROWS = 60_000;

    @Test
    void aTableLargerThanTheHeapIsSnapshotInFull() throws Exception {
        try (TestPostgres postgres = TestPostgres.start()) {
            String url = postgres.createDatabase("big");
            long tableBytes;
            try (Connection db = postgres.connect("big"); Statement statement = db.createStatement()) {
                statement.execute("CREATE TABLE wide (id bigint PRIMARY KEY, body text NOT NULL)");
                // md5 text does not compress, so the rows are as big on the wire as on disk.
                statement.execute("INSERT INTO wide SELECT g, repeat(md5(g::text), 64) FROM generate_series(1, "
                        + ROWS + ") g");
                try (ResultSet size = statement.executeQuery("SELECT sum(octet_length(body)) FROM wide")) {
                    size.next();
                    tableBytes = size.getLong(1);
                }
            }
            long heap = 48L << 20;
            assertThat(tableBytes).isGreaterThan(2 * heap);

            String output = runDrain(url, postgres, heap);

            assertThat(output).contains("ROWS " + ROWS);
        }
    }

    private static String runDrain(String url, TestPostgres postgres, long heap)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx" + (heap >> 20) + "m",
                "-cp", System.getProperty("java.class.path"), SnapshotDrain.class.getName(), url, postgres.user(),
                postgres.password(), "wide")).redirectErrorStream(true);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(lastLines(output)).isZero();
        return output;
    }

    private static String lastLines(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 30), lines.length));
    }
}
