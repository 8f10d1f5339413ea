package io.realcast.webhooks.router.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommitPacerTest {
  private static final CommitPace PACE = new CommitPace(Duration.ofMillis(10), Duration.ofMillis(100));

  private long now = 1_000_000;

  /** One transaction of {@code records} records read {@code lagMs} after they were produced, then its commit. */
  private void transaction(CommitPacer pacer, int records, long lagMs) {
    for (int i = 0; i < records; i++) {
      now++;
      pacer.processed(now, now - lagMs);
    }
    pacer.committing(now);
    pacer.committed(now);
  }

  /** A punctual record at {@code atMs}, a commit asked for at once and ended at {@code endMs}. */
  private static void commitOne(CommitPacer pacer, long atMs, long endMs) {
    pacer.processed(atMs, atMs);
    pacer.committing(atMs);
    pacer.committed(endMs);
  }

  /** Transactions every 10 ms for {@code forMs}, each read {@code lagMs} after it was produced. */
  private void behind(CommitPacer pacer, long lagMs, long forMs) {
    long until = now + forMs;
    while (now < until) {
      transaction(pacer, 5, lagMs);
      now += 5;
    }
  }

  /** Late for long enough that the pacer takes it for a backlog, not a pause. */
  private void backlog(CommitPacer pacer, long lagMs) {
    behind(pacer, lagMs, CommitPacer.LATE_FOR_MS + 10);
  }

  @ParameterizedTest(name = "freshest input {0} ms late: commit every {1} ms")
  @CsvSource({
      "0, 10",     // keeping up: the floor
      "60, 10",    // less than the ceiling behind: noise, not a backlog
      "100, 10",
      "110, 10",   // 10 ms more than the ceiling behind
      "150, 50",   // behind by more than the ceiling: that much more
      "200, 100",  // the ceiling
      "86400000, 100"})
  void shouldCommitAtWhatTheRouterIsBehindByBeyondTheCeilingWithinTheFloorAndTheCeiling(long lagMs, long expectedIntervalMs) {
    CommitPacer pacer = new CommitPacer(PACE);
    backlog(pacer, lagMs);
    now++;
    pacer.processed(now, now - lagMs);

    assertThat(pacer.intervalMs(now)).isEqualTo(expectedIntervalMs);
  }

  @Test
  void shouldNotStretchForAPauseTheRouterCatchesUpFromWithinASecond() {
    CommitPacer pacer = new CommitPacer(PACE);
    behind(pacer, 400, CommitPacer.LATE_FOR_MS - 100);
    now++;
    pacer.processed(now, now - 400);
    assertThat(pacer.intervalMs(now)).as("late for less than a second: a pause").isEqualTo(10);

    transaction(pacer, 5, 2);
    behind(pacer, 400, CommitPacer.LATE_FOR_MS - 100);
    now++;
    pacer.processed(now, now - 400);
    assertThat(pacer.intervalMs(now)).as("a punctual transaction in between starts the count again").isEqualTo(10);

    behind(pacer, 400, 200);
    now++;
    pacer.processed(now, now - 400);
    assertThat(pacer.intervalMs(now)).as("late for more than a second without a break: a backlog").isEqualTo(100);
  }

  @Test
  void shouldCommitTheFirstRecordAtOnceAndTheNextOnlyAfterTheFloor() {
    CommitPacer pacer = new CommitPacer(PACE);

    assertThat(pacer.processed(1_000, 998)).isTrue();
    assertThat(pacer.committing(1_000)).isZero();
    pacer.committed(1_000);
    assertThat(pacer.processed(1_004, 1_002)).isFalse();
    assertThat(pacer.processed(1_009, 1_007)).isFalse();
    assertThat(pacer.due(1_009)).isFalse();
    assertThat(pacer.processed(1_010, 1_008)).isTrue();
    assertThat(pacer.committing(1_010)).as("the first record of the transaction waited from 1,004").isEqualTo(6);
  }

  @Test
  void shouldCountTheFloorFromTheEndOfTheLastCommitNotFromWhenItWasAskedFor() {
    CommitPacer pacer = new CommitPacer(PACE);
    pacer.processed(1_000, 1_000);
    pacer.committing(1_000);

    assertThat(pacer.processed(1_005, 1_005)).as("in the commit under way").isFalse();
    assertThat(pacer.processed(1_012, 1_012)).as("nothing is due while a commit is under way").isFalse();
    pacer.committed(1_015);
    assertThat(pacer.due(1_016)).as("those records were in it").isFalse();

    pacer.processed(1_017, 1_017);
    assertThat(pacer.due(1_024)).as("10 ms after the request, 9 after the end").isFalse();
    assertThat(pacer.due(1_025)).as("the floor after the commit ended").isTrue();
  }

  @Test
  void shouldTakeACommitKafkaStreamsMadeOnItsOwnIntoAccount() {
    CommitPacer pacer = new CommitPacer(PACE);
    long generation = pacer.generation();
    commitOne(pacer, 1_000, 1_002);
    pacer.processed(1_005, 1_005);

    pacer.committed(1_008); // Kafka Streams' own interval, or a punctuation's output
    assertThat(pacer.generation()).isEqualTo(generation + 2);
    assertThat(pacer.due(1_030)).as("the record at 1,005 was in that commit").isFalse();
  }

  @Test
  void shouldStartOverAfterAnAbort() {
    CommitPacer pacer = new CommitPacer(PACE);
    pacer.processed(1_000, 1_000);
    pacer.committing(1_000);
    pacer.aborted(1_003);

    assertThat(pacer.due(1_050)).as("nothing open: the aborted records come back as new input").isFalse();
    assertThat(pacer.processed(1_050, 1_000)).isTrue();
  }

  @Test
  void shouldHaveNothingDueWhenNothingWasProcessedSinceTheLastCommit() {
    CommitPacer pacer = new CommitPacer(PACE);
    commitOne(pacer, 1_000, 1_000);

    assertThat(pacer.due(5_000)).isFalse();
    pacer.processed(5_001, 5_001);
    assertThat(pacer.due(5_001)).as("the floor has long passed since the last commit").isTrue();
  }

  @Test
  void shouldStretchOnlyOnceEvenTheFreshestInputOfATransactionWasLate() {
    CommitPacer pacer = new CommitPacer(PACE);
    backlog(pacer, 400);
    transaction(pacer, 50, 2);

    now++;
    pacer.processed(now, now - 400);
    assertThat(pacer.intervalMs(now)).as("the last transaction's freshest input was punctual").isEqualTo(10);
    backlog(pacer, 400);
    now++;
    pacer.processed(now, now - 400);
    assertThat(pacer.intervalMs(now)).isEqualTo(100);
  }

  @Test
  void shouldGoStraightBackToTheFloorWhenItsFreshestInputIsPunctualAgain() {
    CommitPacer pacer = new CommitPacer(PACE);
    backlog(pacer, 400);

    // The backlog a pause left is read in one go: its oldest records are late, its last ones punctual.
    for (long lag = 400; lag >= 0; lag -= 50) {
      now++;
      pacer.processed(now, now - lag);
    }
    assertThat(pacer.intervalMs(now)).isEqualTo(10);
  }

  @Test
  void shouldSayHowLongUntilTheOpenTransactionIsDue() {
    CommitPacer pacer = new CommitPacer(PACE);
    commitOne(pacer, 1_000, 1_000);
    pacer.processed(1_004, 1_004);

    assertThat(pacer.untilDueMs(1_004)).isEqualTo(6);
    assertThat(pacer.untilDueMs(1_012)).isZero();
  }

  @Test
  void shouldNeverStretchAFixedPace() {
    CommitPacer pacer = new CommitPacer(CommitPace.fixed(Duration.ofMillis(10)));
    backlog(pacer, 1_000);
    now++;
    pacer.processed(now, now - 1_000);

    assertThat(pacer.intervalMs(now)).isEqualTo(10);
  }

  @Test
  void shouldTreatInputFromAProducerWhoseClockRunsAheadAsPunctual() {
    CommitPacer pacer = new CommitPacer(PACE);
    backlog(pacer, -60_000);
    now++;
    pacer.processed(now, now + 60_000);

    assertThat(pacer.intervalMs(now)).isEqualTo(10);
  }

  @Test
  void shouldCoverATasksRecordsOnceACommitIsAskedForAndAfterItEnded() {
    CommitPacer pacer = new CommitPacer(PACE);
    long atRecord = pacer.generation();
    pacer.processed(1_000, 1_000);
    assertThat(pacer.covers(atRecord)).as("nothing asked for yet").isFalse();

    pacer.committing(1_000);
    assertThat(pacer.covers(atRecord)).as("in the commit under way").isTrue();
    pacer.committed(1_004);
    assertThat(pacer.covers(atRecord)).as("committed").isTrue();

    long next = pacer.generation();
    pacer.processed(1_006, 1_006);
    assertThat(pacer.covers(next)).as("a record after the end waits for the next commit").isFalse();
  }

  @Test
  void shouldRefuseACeilingBelowTheFloorUnlessAskedToRaiseIt() {
    assertThatThrownBy(() -> new CommitPace(Duration.ofMillis(50), Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ceiling");
    assertThat(CommitPace.upTo(Duration.ofMillis(50), Duration.ofMillis(10))).isEqualTo(CommitPace.fixed(Duration.ofMillis(50)));
    assertThat(PACE).hasToString("10ms-100ms");
  }
}
