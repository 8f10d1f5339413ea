package io.realcast.webhooks.router.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommitPacerTest {
  private static final CommitPace PACE = new CommitPace(Duration.ofMillis(10), Duration.ofMillis(100));

  /** The interval once the lag estimate has settled on records that all waited {@code lagMs}. */
  @ParameterizedTest(name = "input {0} ms late: commit every {1} ms")
  @CsvSource({
      "0, 10",     // keeping up: the floor
      "5, 10",
      "20, 10",    // half of 20 is the floor
      "60, 30",    // behind: half the lag
      "150, 75",
      "200, 100",  // the ceiling
      "5000, 100"})
  void shouldCommitAtHalfTheInputsLagWithinTheFloorAndTheCeiling(long lagMs, long expectedIntervalMs) {
    CommitPacer pacer = new CommitPacer(PACE);
    long now = 1_000_000;
    for (int i = 0; i < 200; i++) {
      pacer.processed(now, now - lagMs);
    }

    assertThat(pacer.intervalMs()).isBetween(expectedIntervalMs - 1, expectedIntervalMs);
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
  void shouldStretchTheIntervalWhileBehindAndComeBackToTheFloorOnceCaughtUp() {
    CommitPacer pacer = new CommitPacer(PACE);
    long now = 0;
    for (int i = 0; i < 200; i++) {
      pacer.processed(++now, now - 400);
    }
    assertThat(pacer.intervalMs()).isEqualTo(100);

    for (int i = 0; i < 100; i++) {
      pacer.processed(++now, now - 2);
    }
    assertThat(pacer.intervalMs()).as("a few dozen punctual records bring it back").isEqualTo(10);
  }

  @Test
  void shouldNotLetAReplayOfOldInputHoldTheIntervalHighAfterIt() {
    CommitPacer pacer = new CommitPacer(PACE);
    long now = Duration.ofDays(1).toMillis();
    for (int i = 0; i < 200; i++) {
      pacer.processed(++now, i); // a day late: counted as four times the ceiling
    }

    assertThat(pacer.intervalMs()).isEqualTo(100);
    for (int i = 0; i < 40; i++) {
      pacer.processed(++now, now);
    }
    assertThat(pacer.intervalMs()).isEqualTo(10);
  }

  @Test
  void shouldNeverStretchAFixedPace() {
    CommitPacer pacer = new CommitPacer(CommitPace.fixed(Duration.ofMillis(10)));
    long now = 0;
    for (int i = 0; i < 200; i++) {
      pacer.processed(++now, now - 1_000);
    }

    assertThat(pacer.intervalMs()).isEqualTo(10);
  }

  @Test
  void shouldTreatInputFromAProducerWhoseClockRunsAheadAsPunctual() {
    CommitPacer pacer = new CommitPacer(PACE);
    for (int i = 0; i < 50; i++) {
      pacer.processed(1_000 + i, 61_000 + i);
    }

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
