package io.tributary.connect.iceberg.maintain;

import io.tributary.connect.iceberg.commit.OffsetLedger;
import io.tributary.connect.iceberg.commit.StagedSnapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a table the sink writes every few seconds fast to read and bounded in size, off the sink's hot path:
 * compacts partitions that hold many small data files, rewrites small manifests, expires old snapshots, and
 * removes orphan files (written by tasks that crashed or were fenced before committing them).
 *
 * <p>None of it conflicts destructively with the sink's concurrent commits:
 * <ul>
 *   <li>Compaction reads a partition as of one snapshot, deletes applied, and commits the rewrite validated
 *       against that snapshot with its data sequence number: files a concurrent commit removed make the
 *       rewrite fail (and its files are deleted); equality deletes committed meanwhile still apply to the
 *       rewritten rows, because they carry a higher sequence number.</li>
 *   <li>Expiry never removes the newest snapshot that carries a sink's offsets or staged-snapshot state, on
 *       any branch, nor anything newer: the sinks' exactly-once bookkeeping survives it.</li>
 *   <li>Orphan removal deletes only files under the table's data folder that no snapshot of any branch
 *       references and that are older than the orphan age, which must exceed the longest time a file waits for
 *       its commit.</li>
 * </ul>
 * Every step is best effort: a failure is logged and retried at the next run.
 */
public final class TableMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(TableMaintenance.class);

    /** What to do, and the limits. */
    public record Settings(Duration snapshotMaxAge, int retainLast, Duration orphanAge, int compactMinFiles,
            long targetFileSize, int manifestsBeforeRewrite) {
    }

    /** What one run did. */
    public record Report(int partitionsCompacted, int filesCompacted, int filesWritten, int manifestsRewritten,
            int snapshotsExpired, int orphansDeleted) {
    }

    private final Settings settings;

    public TableMaintenance(Settings settings) {
        this.settings = settings;
    }

    public Report run(Table table) {
        int[] compacted = compact(table);
        int manifests = rewriteManifests(table);
        int expired = expireSnapshots(table);
        int orphans = removeOrphans(table);
        Report report = new Report(compacted[0], compacted[1], compacted[2], manifests, expired, orphans);
        if (compacted[1] + manifests + expired + orphans > 0) {
            LOG.info("Maintained {}: compacted {} file(s) of {} partition(s) into {}, rewrote {} manifest(s), expired "
                    + "{} snapshot(s), deleted {} orphan file(s)", table.name(), compacted[1], compacted[0],
                    compacted[2], manifests, expired, orphans);
        }
        return report;
    }

    /** @return partitions compacted, files replaced, files written */
    int[] compact(Table table) {
        int partitions = 0;
        int replaced = 0;
        int written = 0;
        for (Compaction.PartitionRewrite rewrite : Compaction.prepare(table, settings.targetFileSize(),
                settings.compactMinFiles())) {
            if (rewrite.commit(table)) {
                partitions++;
                replaced += rewrite.replaced();
                written += rewrite.written();
            }
        }
        return new int[] {partitions, replaced, written};
    }

    int rewriteManifests(Table table) {
        table.refresh();
        Snapshot current = table.currentSnapshot();
        if (current == null || current.dataManifests(table.io()).size() < settings.manifestsBeforeRewrite()) {
            return 0;
        }
        int before = current.allManifests(table.io()).size();
        try {
            table.rewriteManifests().clusterBy(file -> file.specId()).set("tributary.maintenance", "manifests")
                    .commit();
        } catch (ValidationException | CommitFailedException e) {
            LOG.info("Rewriting the manifests of {} gave way to a concurrent commit: {}", table.name(), e.getMessage());
            return 0;
        }
        return before;
    }

    int expireSnapshots(Table table) {
        table.refresh();
        long cutoff = System.currentTimeMillis() - settings.snapshotMaxAge().toMillis();
        cutoff = Math.min(cutoff, oldestBookkeeping(table));
        int before = table.snapshots() == null ? 0 : countSnapshots(table);
        try {
            table.expireSnapshots().expireOlderThan(cutoff).retainLast(settings.retainLast()).cleanExpiredFiles(true)
                    .commit();
        } catch (ValidationException | CommitFailedException e) {
            LOG.info("Expiring snapshots of {} gave way to a concurrent commit: {}", table.name(), e.getMessage());
            return 0;
        }
        table.refresh();
        return Math.max(0, before - countSnapshots(table));
    }

    private static int countSnapshots(Table table) {
        int count = 0;
        for (Snapshot ignored : table.snapshots()) {
            count++;
        }
        return count;
    }

    /**
     * The time of the oldest snapshot that must stay: on each branch, for each sink, the newest snapshot carrying
     * its offsets or its staged-snapshot state.
     */
    static long oldestBookkeeping(Table table) {
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<String, SnapshotRef> ref : table.refs().entrySet()) {
            if (!ref.getValue().isBranch()) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            Snapshot snapshot = table.snapshot(ref.getValue().snapshotId());
            while (snapshot != null) {
                Map<String, String> summary = snapshot.summary();
                if (summary != null) {
                    for (String key : summary.keySet()) {
                        if ((key.startsWith(OffsetLedger.KEY_PREFIX) || key.startsWith(StagedSnapshots.KEY_PREFIX))
                                && seen.add(key)) {
                            oldest = Math.min(oldest, snapshot.timestampMillis());
                        }
                    }
                }
                snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId());
            }
        }
        return oldest;
    }

    int removeOrphans(Table table) {
        if (!(table.io() instanceof SupportsPrefixOperations files)) {
            LOG.debug("The file IO of {} cannot list files: orphan removal skipped", table.name());
            return 0;
        }
        table.refresh();
        Set<String> reachable = reachableFiles(table);
        long cutoff = System.currentTimeMillis() - settings.orphanAge().toMillis();
        String data = table.locationProvider().newDataLocation("probe");
        String dataRoot = table.location().replaceAll("/+$", "") + "/data/";
        if (!data.startsWith(dataRoot)) {
            LOG.debug("The data files of {} live outside its location: orphan removal skipped", table.name());
            return 0;
        }
        int deleted = 0;
        for (FileInfo file : files.listPrefix(dataRoot)) {
            if (file.createdAtMillis() < cutoff && !reachable.contains(normalized(file.location()))) {
                table.io().deleteFile(file.location());
                deleted++;
            }
        }
        return deleted;
    }

    private static Set<String> reachableFiles(Table table) {
        Set<String> manifests = new HashSet<>();
        Set<String> reachable = new HashSet<>();
        for (Snapshot snapshot : table.snapshots()) {
            for (ManifestFile manifest : snapshot.allManifests(table.io())) {
                if (manifests.add(manifest.path())) {
                    try (CloseableIterable<String> paths = ManifestFiles.readPaths(manifest, table.io(),
                            table.specs())) {
                        paths.forEach(path -> reachable.add(normalized(path)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return reachable;
    }

    /** {@code file:/x} and {@code file:///x} name the same file. */
    private static String normalized(String location) {
        return location.replaceFirst("^file:/+", "file:/");
    }
}
