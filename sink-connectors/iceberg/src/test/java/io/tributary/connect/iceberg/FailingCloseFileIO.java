package io.tributary.connect.iceberg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;

/**
 * A FileIO whose data-file streams fail to close like an object-store upload does: the stream marks itself
 * closed first, the upload fails, the file does not exist, and a second close succeeds silently.
 */
public class FailingCloseFileIO extends HadoopFileIO {

    /** How many data-file closes are still to fail. */
    static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

    @Override
    public OutputFile newOutputFile(String path) {
        OutputFile delegate = super.newOutputFile(path);
        if (!path.contains("/data/")) {
            return delegate;
        }
        return new OutputFile() {
            @Override
            public PositionOutputStream create() {
                return failingClose(delegate.create(), path);
            }

            @Override
            public PositionOutputStream createOrOverwrite() {
                return failingClose(delegate.createOrOverwrite(), path);
            }

            @Override
            public String location() {
                return delegate.location();
            }

            @Override
            public InputFile toInputFile() {
                return delegate.toInputFile();
            }
        };
    }

    private static PositionOutputStream failingClose(PositionOutputStream stream, String path) {
        return new PositionOutputStream() {
            private boolean closed;

            @Override
            public long getPos() throws IOException {
                return stream.getPos();
            }

            @Override
            public void write(int b) throws IOException {
                stream.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                stream.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                stream.close();
                if (FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    Files.deleteIfExists(Path.of(URI.create(path)));
                    throw new IOException("simulated failed upload of " + path);
                }
            }
        };
    }
}
