package io.tributary.connect.jdbc.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.jdbc.offsets.KeyValue;
import io.tributary.connect.jdbc.offsets.OffsetMode;
import io.tributary.connect.jdbc.offsets.ResnapshotRequest;
import io.tributary.connect.jdbc.offsets.StoredOffset;
import io.tributary.connect.jdbc.offsets.TableOffset;
import io.tributary.connect.jdbc.schedule.NextSnapshot.Action;
import io.tributary.connect.smt.boundary.SnapshotRef;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NextSnapshotTest {

    private static final Instant STARTED = Instant.parse("2026-03-01T02:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-01T15:00:00Z");
    private static final SnapshotSchedule DAILY = SnapshotSchedule.dailyAt(LocalTime.of(2, 0), ZoneOffset.UTC);
    private static final TableOffset STARTED_SNAPSHOT = TableOffset.initial(OffsetMode.SNAPSHOT)
            .withSnapshotStarted(SnapshotRef.start("public.orders", STARTED, null), 2, "TICKET-1");

    @Test
    void aTableWithoutOffsetIsSnapshotNow() {
        assertThat(NextSnapshot.decide(Optional.empty(), DAILY, NOW)).isEqualTo(new NextSnapshot(Action.START, NOW, null));
        assertThat(decide(TableOffset.initial(OffsetMode.SNAPSHOT), DAILY).action()).isEqualTo(Action.START);
    }

    @Test
    void aSnapshotInProgressIsResumedWhateverTheSchedule() {
        TableOffset offset = STARTED_SNAPSHOT.withRowSent(0, List.of(new KeyValue("id", 1)));

        assertThat(decide(offset, SnapshotSchedule.once())).isEqualTo(new NextSnapshot(Action.RESUME, NOW, "TICKET-1"));
    }

    @Test
    void aSnapshotThatCannotResumeStartsAgain() {
        TableOffset keyless = STARTED_SNAPSHOT.withRowSent(0, List.of());

        assertThat(decide(keyless, DAILY).action()).isEqualTo(Action.START);
    }

    @Test
    void aCompletedSnapshotIsNotSentAgainBeforeTheScheduleSaysSo() {
        TableOffset completed = STARTED_SNAPSHOT.withSnapshotCompleted();

        assertThat(decide(completed, DAILY))
                .isEqualTo(new NextSnapshot(Action.WAIT, Instant.parse("2026-03-02T02:00:00Z"), null));
        assertThat(decide(completed, SnapshotSchedule.once())).isEqualTo(new NextSnapshot(Action.NEVER, null, null));
        assertThat(decide(completed, SnapshotSchedule.every(Duration.ofHours(1))).action()).isEqualTo(Action.START);
    }

    @Test
    void aResnapshotRequestStartsOneNowCarryingItsToken() {
        Optional<StoredOffset> request = Optional.of(new ResnapshotRequest("TICKET-2"));

        assertThat(NextSnapshot.decide(request, SnapshotSchedule.once(), NOW))
                .isEqualTo(new NextSnapshot(Action.START, NOW, "TICKET-2"));
    }

    private static NextSnapshot decide(TableOffset offset, SnapshotSchedule schedule) {
        return NextSnapshot.decide(Optional.of(offset), schedule, NOW);
    }
}
