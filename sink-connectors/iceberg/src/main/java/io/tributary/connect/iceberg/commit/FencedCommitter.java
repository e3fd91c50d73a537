package io.tributary.connect.iceberg.commit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotAncestryValidator;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits data files together with the Kafka offsets they cover, in one Iceberg snapshot, fenced: the
 * commit succeeds only if the offsets stored for its partitions are still those the task started from.
 *
 * <p>This is what makes the sink exactly-once without a coordinator:
 * <ul>
 *   <li>Files and offsets land atomically, so after any crash the table's offsets say exactly which records
 *       it holds; replayed records below them are skipped.</li>
 *   <li>A zombie — a task that lost its partitions but does not know yet — started from offsets that the
 *       partitions' new owner has since moved. Its commit fails the fence and its files are deleted.</li>
 *   <li>Several tasks commit to one table concurrently, each merging its offsets into the stored map. The
 *       merge is redone on the refreshed table for every attempt: Iceberg's own retry would re-apply a
 *       summary computed from a stale base and regress another task's offsets, so the snapshot ancestry
 *       validator rejects any attempt whose base offsets differ from those the merge was computed from.</li>
 *   <li>Each batch carries a commit id. A commit whose outcome was not known — a lost reply, a failed
 *       connection that the catalog client retried, {@link CommitStateUnknownException} — is recognised by
 *       its id in the table's history, even in a later call, and never mistaken for a fence (which would
 *       delete the files it committed) nor committed twice.</li>
 * </ul>
 */
public final class FencedCommitter {

    /** Snapshot summary key naming the batch a snapshot committed. */
    public static final String COMMIT_ID = "tributary.commit-id";

    private static final Logger LOG = LoggerFactory.getLogger(FencedCommitter.class);
    private static final int MAX_ATTEMPTS = 50;
    /**
     * Runs a commit's manifest work (writing, filtering, merging manifests) in the committing thread. Iceberg
     * otherwise hands it to its shared worker pool and polls for the results every 10 ms, which for the few
     * files of one task's commit costs more in waiting (measured with JFR: 40 to 80 ms a commit) than it saves.
     */
    private static final ExecutorService IN_COMMITTING_THREAD = CallerRunsExecutor.INSTANCE;

    private final OffsetLedger ledger;
    private final String commitUser;

    /** @param commitUser recorded in the snapshot summary (connector and task), for operators */
    public FencedCommitter(OffsetLedger ledger, String commitUser) {
        this.ledger = ledger;
        this.commitUser = commitUser;
    }

    /**
     * @param batchId  identifies these files; the same on every attempt to commit them, across calls
     * @param expected offsets the task started from, per partition of the batch; a missing key means none
     *                 were stored
     * @param next     offsets after the batch: the next record to write, per partition
     */
    public CommitOutcome commit(Table table, String batchId, WrittenFiles files,
            Map<TopicPartition, Long> expected, Map<TopicPartition, Long> next) {
        return commit(table, null, batchId, files, expected, next, SummaryMerge.NONE);
    }

    /**
     * Summary entries a commit derives from the table state it commits onto, such as the staged-snapshot
     * tallies: computed again on every attempt, and an attempt whose base yields other entries is redone.
     */
    public interface SummaryMerge {
        SummaryMerge NONE = ancestry -> Map.of();

        /** @param baseAncestry the branch's snapshots the commit goes onto, newest first */
        Map<String, String> entries(Iterable<Snapshot> baseAncestry);
    }

    /**
     * @param branch where to commit, null for the main branch; a branch that does not exist yet starts at the
     *               main branch's current snapshot
     * @param extra  more summary entries, merged like the offsets
     */
    public CommitOutcome commit(Table table, String branch, String batchId, WrittenFiles files,
            Map<TopicPartition, Long> expected, Map<TopicPartition, Long> next, SummaryMerge extra) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            table.refresh();
            Iterable<Snapshot> ancestry = ancestry(table, branch);
            Map<TopicPartition, Long> stored = ledger.read(ancestry);
            Snapshot landed = findBatch(ancestry, batchId);
            if (landed != null) {
                LOG.info("Batch {} is already in {} (snapshot {}): a commit whose outcome was unknown landed",
                        batchId, table.name(), landed.snapshotId());
                return new CommitOutcome(landed.snapshotId(), Set.of(), stored);
            }
            Set<TopicPartition> moved = moved(stored, expected, next.keySet());
            if (!moved.isEmpty()) {
                DiscardedFiles.delete(table.io(), files.all());
                LOG.warn("Commit to {} fenced: offsets of {} moved on since this task read them (another task "
                        + "owns them now); discarded {} file(s)", table.name(), moved, files.count());
                return new CommitOutcome(-1L, moved, stored);
            }
            Map<TopicPartition, Long> merged = new HashMap<>(stored);
            merged.putAll(next);
            Map<String, String> entries = extra.entries(ancestry);
            BaseUnchanged validator = new BaseUnchanged(stored, entries, extra, batchId);
            String offsets = OffsetLedger.encode(merged);
            try {
                if (files.deletes().isEmpty()) {
                    AppendFiles append = table.newAppend();
                    files.data().forEach(append::appendFile);
                    stamped(append, branch, offsets, entries, batchId, validator).commit();
                } else {
                    // Blind upserts: equality deletes need no conflict validation, and the fence covers the rest.
                    RowDelta delta = table.newRowDelta();
                    files.data().forEach(delta::addRows);
                    files.deletes().forEach(delta::addDeletes);
                    stamped(delta, branch, offsets, entries, batchId, validator).commit();
                }
                return new CommitOutcome(head(table, branch).snapshotId(), Set.of(), merged);
            } catch (ValidationException e) {
                if (!validator.offsetsChanged) {
                    throw e;
                }
                LOG.debug("Offsets of {} changed during commit attempt {}; merging again", table.name(), attempt);
            } catch (BatchAlreadyCommitted | CommitStateUnknownException e) {
                LOG.warn("Commit to {} may already have landed; checking the table's history", table.name());
            }
        }
        throw new IllegalStateException("Could not commit to " + table.name() + " in " + MAX_ATTEMPTS
                + " attempts: other writers kept changing its offsets");
    }

    private <T extends SnapshotUpdate<T>> T stamped(T update, String branch, String offsets,
            Map<String, String> entries, String batchId, SnapshotAncestryValidator validator) {
        if (branch != null) {
            update.toBranch(branch);
        }
        entries.forEach(update::set);
        return update.set(ledger.summaryKey(), offsets)
                .set(COMMIT_ID, batchId)
                .set("tributary.committed-by", commitUser)
                .validateWith(validator)
                .scanManifestsWith(IN_COMMITTING_THREAD)
                .writeManifestsWith(IN_COMMITTING_THREAD, 1);
    }

    /** The snapshots of {@code branch} (null: main), newest first; a missing branch forks from main. */
    public static Iterable<Snapshot> ancestry(Table table, String branch) {
        Snapshot head = head(table, branch);
        return head == null ? List.of() : SnapshotUtil.ancestorsOf(head.snapshotId(), table::snapshot);
    }

    private static Snapshot head(Table table, String branch) {
        Snapshot head = branch == null ? null : table.snapshot(branch);
        return head != null ? head : table.currentSnapshot();
    }

    private static Snapshot findBatch(Iterable<Snapshot> ancestry, String batchId) {
        for (Snapshot snapshot : ancestry) {
            if (snapshot.summary() != null && batchId.equals(snapshot.summary().get(COMMIT_ID))) {
                return snapshot;
            }
        }
        return null;
    }

    private static Set<TopicPartition> moved(Map<TopicPartition, Long> stored, Map<TopicPartition, Long> expected,
            Set<TopicPartition> partitions) {
        Set<TopicPartition> moved = new HashSet<>();
        for (TopicPartition partition : partitions) {
            if (!Objects.equals(stored.get(partition), expected.get(partition))) {
                moved.add(partition);
            }
        }
        return moved;
    }


    /**
     * Thrown from the validator when the base already holds this batch. Deliberately not a
     * {@code CleanableFailure}: Iceberg then keeps the manifests this attempt wrote, which the landed snapshot
     * may reference.
     */
    private static final class BatchAlreadyCommitted extends RuntimeException {
        BatchAlreadyCommitted() {
            super("The batch is already committed", null, false, false);
        }
    }

    /** Rejects an attempt whose base snapshot holds other offsets than those the merge was computed from. */
    private final class BaseUnchanged implements SnapshotAncestryValidator {
        private final Map<TopicPartition, Long> mergedFrom;
        private final Map<String, String> entries;
        private final SummaryMerge extra;
        private final String batchId;
        private volatile boolean offsetsChanged;

        BaseUnchanged(Map<TopicPartition, Long> mergedFrom, Map<String, String> entries, SummaryMerge extra,
                String batchId) {
            this.mergedFrom = mergedFrom;
            this.entries = entries;
            this.extra = extra;
            this.batchId = batchId;
        }

        @Override
        public boolean validate(Iterable<Snapshot> baseAncestry) {
            if (findBatch(baseAncestry, batchId) != null) {
                throw new BatchAlreadyCommitted();
            }
            offsetsChanged = !ledger.read(baseAncestry).equals(mergedFrom)
                    || !extra.entries(baseAncestry).equals(entries);
            return !offsetsChanged;
        }

        @Override
        public String errorMessage() {
            return "the table's Kafka offsets changed since they were merged";
        }
    }
}
