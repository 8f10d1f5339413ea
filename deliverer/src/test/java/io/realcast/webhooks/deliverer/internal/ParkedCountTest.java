package io.realcast.webhooks.deliverer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParkedCountTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldCountWhatIsParkedUntilItIsDueWhoeverReadsItBack() {
    ParkedCount parked = new ParkedCount();
    long now = 7 * SECOND;
    for (int i = 0; i < 30; i++) {
      parked.parked(now + 25 * SECOND);
    }
    parked.parked(now + SECOND);
    parked.parked(now + 5 * SECOND);

    assertThat(parked.notYetDue(now)).isEqualTo(32);
    assertThat(parked.notYetDue(now + SECOND)).as("the one due after 1 s is back").isEqualTo(31);
    assertThat(parked.notYetDue(now + 5 * SECOND)).isEqualTo(30);
    assertThat(parked.notYetDue(now + 25 * SECOND)).as("nothing left once all are due").isZero();
  }

  @Test
  void shouldStopCountingADeliveryNoLaterThanItIsDue() {
    ParkedCount parked = new ParkedCount();
    long due = 10 * SECOND + 150_000_000L;
    parked.parked(due);

    assertThat(parked.notYetDue(due - ParkedCount.BUCKET_NANOS)).isEqualTo(1);
    assertThat(parked.notYetDue(due)).isZero();
  }

  @Test
  void shouldTakeTheTickersNegativeValuesToo() {
    // System.nanoTime may be negative: buckets round down either side of zero.
    ParkedCount parked = new ParkedCount();
    parked.parked(-SECOND);
    parked.parked(SECOND);

    assertThat(parked.notYetDue(-2 * SECOND)).isEqualTo(2);
    assertThat(parked.notYetDue(0)).isEqualTo(1);
  }
}
