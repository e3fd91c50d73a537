package io.tributary.connect.iceberg.commit;

import io.tributary.connect.smt.boundary.SnapshotRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.ReplacePartitions;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotAncestryValidator;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot-replace mode: makes a source snapshot staged on the stage branch the contents of the main branch,
 * in one commit, and clears it from the stage.
 *
 * <p>Rows of a snapshot are committed to the stage branch as they arrive (with their offsets, fenced like any
 * commit), in data files whose names carry the snapshot's id. Readers of the main branch see none of them. When
 * every partition's end marker is in ({@link StagedSnapshots#ended()}), {@link #publish} swaps the main
 * branch's contents — the whole table, or only the partitions the snapshot has rows in — for the snapshot's
 * files in one overwrite, so a reader sees the previous snapshot or this one, never a mix. {@link #finish} then
 * removes the snapshot's files, and any older snapshot's, from the stage. Both are idempotent: a publish that
 * finds the snapshot, or a newer one, already published does nothing, so a crash between the two steps, or two
 * tasks finishing the same snapshot, publish it once.
 */
public final class SnapshotPublisher {

    /** Main-branch summary key prefix naming the newest snapshot published; the suffix is the offsets id. */
    public static final String PUBLISHED_PREFIX = "tributary.published-snapshot.";
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPublisher.class);
    private static final int MAX_ATTEMPTS = 50;

    /** What a published snapshot replaces. */
    public enum Scope {
        /** The whole table: rows the source deleted disappear. */
        TABLE,
        /** Only the partitions the snapshot has rows in; the others keep their rows. */
        PARTITIONS
    }

    private final String branch;
    private final String stateKey;
    private final String publishedKey;
    private final String commitUser;
    private final Scope scope;

    public SnapshotPublisher(String offsetsId, String commitUser, Scope scope) {
        this.branch = stageBranch(offsetsId);
        this.stateKey = StagedSnapshots.KEY_PREFIX + offsetsId;
        this.publishedKey = PUBLISHED_PREFIX + offsetsId;
        this.commitUser = commitUser;
        this.scope = scope;
    }

    /** The branch a sink stages snapshots on. */
    public static String stageBranch(String offsetsId) {
        return "tributary-stage-" + offsetsId;
    }

    public String branch() {
        return branch;
    }

    public String stateKey() {
        return stateKey;
    }

    /** The staged-snapshot state on the stage branch as the table now is. */
    public StagedSnapshots state(Table table) {
        return StagedSnapshots.read(FencedCommitter.ancestry(table, branch), stateKey);
    }

    /**
     * Replaces the main branch's contents with the staged files of {@code snapshot}.
     *
     * @return false when it, or a newer snapshot of its table, was already published
     */
    public boolean publish(Table table, SnapshotRef snapshot, long rows) {
        table.refresh();
        if (publishedSince(FencedCommitter.ancestry(table, null), snapshot)) {
            return false;
        }
        List<DataFile> files = stagedFiles(table, Set.of(snapshot.id()));
        NotPublished validator = new NotPublished(snapshot);
        String value = StagedSnapshots.encodeRef(snapshot, rows);
        try {
            if (scope == Scope.TABLE) {
                OverwriteFiles overwrite = table.newOverwrite().overwriteByRowFilter(Expressions.alwaysTrue());
                files.forEach(overwrite::addFile);
                stamped(overwrite, snapshot, value, validator).commit();
            } else {
                ReplacePartitions replace = table.newReplacePartitions();
                files.forEach(replace::addFile);
                stamped(replace, snapshot, value, validator).commit();
            }
        } catch (AlreadyPublished e) {
            return false;
        }
        LOG.info("Published snapshot {} of {} into {}: {} row(s) in {} file(s), replacing {}", snapshot.id(),
                snapshot.table(), table.name(), rows, files.size(),
                scope == Scope.TABLE ? "the whole table" : "the partitions it has rows in");
        return true;
    }

    /**
     * Records {@code snapshot} as finished on the stage branch, and removes its files and those of older
     * snapshots from the stage (only the staged files of newer, unfinished snapshots stay).
     */
    public StagedSnapshots finish(Table table, SnapshotRef snapshot) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            table.refresh();
            StagedSnapshots before = state(table);
            StagedSnapshots after = before.withFinished(snapshot);
            Set<String> unfinished = after.snapshotIds();
            DeleteFiles delete = table.newDelete().toBranch(branch);
            for (DataFile file : stagedFiles(table, null)) {
                if (unfinished.stream().noneMatch(id -> file.location().contains(id))) {
                    delete.deleteFile(file);
                }
            }
            StateUnchanged validator = new StateUnchanged(before);
            delete.set(stateKey, after.encode()).set("tributary.committed-by", commitUser).validateWith(validator);
            try {
                delete.commit();
                return after;
            } catch (ValidationException e) {
                if (!validator.changed) {
                    throw e;
                }
                LOG.debug("The staged snapshots of {} changed during attempt {}; again", table.name(), attempt);
            }
        }
        throw new IllegalStateException("Could not clear snapshot " + snapshot.id() + " from the stage of "
                + table.name() + " in " + MAX_ATTEMPTS + " attempts: other tasks kept changing it");
    }

    /** Data files on the stage branch, of the given snapshots only (null: all). */
    private List<DataFile> stagedFiles(Table table, Set<String> snapshotIds) {
        Snapshot head = table.snapshot(branch);
        if (head == null) {
            return List.of();
        }
        Map<String, DataFile> files = new LinkedHashMap<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useRef(branch).planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile file = task.file();
                if (snapshotIds == null || snapshotIds.stream().anyMatch(id -> file.location().contains(id))) {
                    files.putIfAbsent(file.location(), file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(files.values());
    }

    private <T extends SnapshotUpdate<T>> T stamped(T update, SnapshotRef snapshot, String value,
            SnapshotAncestryValidator validator) {
        return update.set(publishedKey, value)
                .set(FencedCommitter.COMMIT_ID, "publish-" + snapshot.id())
                .set("tributary.committed-by", commitUser)
                .validateWith(validator);
    }

    /** Whether the main branch already shows {@code snapshot} or a newer snapshot of its table. */
    private boolean publishedSince(Iterable<Snapshot> ancestry, SnapshotRef snapshot) {
        for (Snapshot s : ancestry) {
            String value = s.summary() == null ? null : s.summary().get(publishedKey);
            if (value != null) {
                SnapshotRef published = StagedSnapshots.decodeRef(value);
                if (published.table().equals(snapshot.table())) {
                    return !snapshot.isNewerThan(published);
                }
            }
        }
        return false;
    }

    private static final class AlreadyPublished extends RuntimeException {
        AlreadyPublished() {
            super("The snapshot is already published", null, false, false);
        }
    }

    private final class NotPublished implements SnapshotAncestryValidator {
        private final SnapshotRef snapshot;

        NotPublished(SnapshotRef snapshot) {
            this.snapshot = snapshot;
        }

        @Override
        public boolean validate(Iterable<Snapshot> baseAncestry) {
            if (publishedSince(baseAncestry, snapshot)) {
                throw new AlreadyPublished();
            }
            return true;
        }

        @Override
        public String errorMessage() {
            return "the snapshot was already published";
        }
    }

    private final class StateUnchanged implements SnapshotAncestryValidator {
        private final StagedSnapshots expected;
        private volatile boolean changed;

        StateUnchanged(StagedSnapshots expected) {
            this.expected = expected;
        }

        @Override
        public boolean validate(Iterable<Snapshot> baseAncestry) {
            changed = !StagedSnapshots.read(baseAncestry, stateKey).equals(expected);
            return !changed;
        }

        @Override
        public String errorMessage() {
            return "the staged snapshots changed";
        }
    }
}
