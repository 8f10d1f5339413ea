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
    transaction(pacer, 5, lagMs);
    now++;
    pacer.processed(now, now - lagMs);

    assertThat(pacer.intervalMs()).isEqualTo(expectedIntervalMs);
  }

  @Test
  void shouldCommitTheFirstRecordAtOnceAndTheNextOnlyAfterTheFloor() {
    CommitPacer pacer = new CommitPacer(PACE);

    assertThat(pacer.processed(1_000, 998)).isTrue();
    assertThat(pacer.committing(1_000)).isZero();
    assertThat(pacer.processed(1_004, 1_002)).isFalse();
    assertThat(pacer.processed(1_009, 1_007)).isFalse();
    assertThat(pacer.due(1_009)).isFalse();
    assertThat(pacer.processed(1_010, 1_008)).isTrue();
    assertThat(pacer.committing(1_010)).as("the first record of the transaction waited from 1,004").isEqualTo(6);
  }

  @Test
  void shouldHaveNothingDueWhenNothingWasProcessedSinceTheLastCommit() {
    CommitPacer pacer = new CommitPacer(PACE);
    pacer.processed(1_000, 1_000);
    pacer.committing(1_000);

    assertThat(pacer.due(5_000)).isFalse();
    pacer.processed(5_001, 5_001);
    assertThat(pacer.due(5_001)).as("the floor has long passed since the last commit").isTrue();
  }

  @Test
  void shouldStretchOnlyOnceEvenTheFreshestInputOfATransactionWasLate() {
    CommitPacer pacer = new CommitPacer(PACE);
    transaction(pacer, 50, 2);

    now++;
    pacer.processed(now, now - 400);
    assertThat(pacer.intervalMs()).as("the last transaction's freshest input was punctual").isEqualTo(10);
    transaction(pacer, 50, 400);
    now++;
    pacer.processed(now, now - 400);
    assertThat(pacer.intervalMs()).isEqualTo(100);
  }

  @Test
  void shouldGoStraightBackToTheFloorWhenItsFreshestInputIsPunctualAgain() {
    CommitPacer pacer = new CommitPacer(PACE);
    transaction(pacer, 50, 400);

    // The backlog a pause left is read in one go: its oldest records are late, its last ones punctual.
    for (long lag = 400; lag >= 0; lag -= 50) {
      now++;
      pacer.processed(now, now - lag);
    }
    assertThat(pacer.intervalMs()).isEqualTo(10);
  }

  @Test
  void shouldSayHowLongUntilTheOpenTransactionIsDue() {
    CommitPacer pacer = new CommitPacer(PACE);
    pacer.processed(1_000, 1_000);
    pacer.committing(1_000);
    pacer.processed(1_004, 1_004);

    assertThat(pacer.untilDueMs(1_004)).isEqualTo(6);
    assertThat(pacer.untilDueMs(1_012)).isZero();
  }

  @Test
  void shouldNeverStretchAFixedPace() {
    CommitPacer pacer = new CommitPacer(CommitPace.fixed(Duration.ofMillis(10)));
    transaction(pacer, 50, 1_000);
    now++;
    pacer.processed(now, now - 1_000);

    assertThat(pacer.intervalMs()).isEqualTo(10);
  }

  @Test
  void shouldTreatInputFromAProducerWhoseClockRunsAheadAsPunctual() {
    CommitPacer pacer = new CommitPacer(PACE);
    transaction(pacer, 50, -60_000);
    now++;
    pacer.processed(now, now + 60_000);

    assertThat(pacer.intervalMs()).isEqualTo(10);
  }

  @Test
  void shouldMoveToTheNextGenerationAtEachCommitSoATaskKnowsItsRecordsWereCovered() {
    CommitPacer pacer = new CommitPacer(PACE);
    long before = pacer.generation();
    pacer.processed(1_000, 1_000);
    pacer.committing(1_000);

    assertThat(pacer.generation()).isEqualTo(before + 1);
  }

  @Test
  void shouldRefuseACeilingBelowTheFloorUnlessAskedToRaiseIt() {
    assertThatThrownBy(() -> new CommitPace(Duration.ofMillis(50), Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ceiling");
    assertThat(CommitPace.upTo(Duration.ofMillis(50), Duration.ofMillis(10))).isEqualTo(CommitPace.fixed(Duration.ofMillis(50)));
    assertThat(PACE).hasToString("10ms-100ms");
  }
}
