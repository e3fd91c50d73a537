package io.tributary.connect.iceberg.commit;

import java.util.Collection;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.io.FileIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes data and delete files no snapshot references. A file that cannot be deleted is an orphan for orphan-file removal. */
public final class DiscardedFiles {

    private static final Logger LOG = LoggerFactory.getLogger(DiscardedFiles.class);

    private DiscardedFiles() {
    }

    public static void delete(FileIO io, Collection<? extends ContentFile<?>> files) {
        for (ContentFile<?> file : files) {
            try {
                io.deleteFile(file.location());
            } catch (RuntimeException e) {
                LOG.warn("Could not delete discarded file {}; orphan-file removal will", file.location(), e);
            }
        }
    }
}
