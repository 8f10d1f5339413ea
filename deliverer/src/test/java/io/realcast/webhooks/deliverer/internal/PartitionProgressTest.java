package io.realcast.webhooks.deliverer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {
  private final PartitionProgress progress = new PartitionProgress();

  @Test
  void shouldCommitNothingBeforeAnythingIsReceived() {
    assertThat(progress.committable()).isEqualTo(-1);
  }

  @Test
  void shouldCommitOnlyUpToTheFirstRecordNotYetDurable() {
    for (long o = 10; o < 15; o++) {
      progress.received(o);
    }
    progress.durable(10);
    progress.durable(12);
    progress.durable(13);
    assertThat(progress.committable()).isEqualTo(11);
    progress.durable(11);
    assertThat(progress.committable()).isEqualTo(14);
    progress.durable(14);
    assertThat(progress.committable()).isEqualTo(15);
    assertThat(progress.pending()).isZero();
  }

  @Test
  void shouldSkipGapsLeftByTransactionMarkersAndIgnoreUnknownOffsets() {
    progress.received(3);
    progress.received(7); // 4-6: markers and aborted records, never received
    progress.durable(5);
    assertThat(progress.committable()).isEqualTo(3);
    progress.durable(3);
    assertThat(progress.committable()).isEqualTo(7);
    progress.durable(7);
    assertThat(progress.committable()).isEqualTo(8);
  }

  @Test
  void shouldAgreeWithASortedSetOverThousandsOfOutOfOrderCompletions() {
    Random random = new Random(7);
    TreeSet<Long> pending = new TreeSet<>();
    List<Long> open = new ArrayList<>();
    long next = 0;
    for (int round = 0; round < 2_000; round++) {
      int arrivals = random.nextInt(20);
      for (int i = 0; i < arrivals; i++) {
        next += 1 + random.nextInt(3);
        progress.received(next);
        pending.add(next);
        open.add(next);
      }
      Collections.shuffle(open, random);
      int completions = Math.min(open.size(), random.nextInt(20));
      for (int i = 0; i < completions; i++) {
        long o = open.remove(open.size() - 1);
        progress.durable(o);
        pending.remove(o);
      }
      assertThat(progress.committable()).isEqualTo(pending.isEmpty() ? next + 1 : pending.first());
      assertThat(progress.pending()).isLessThanOrEqualTo(pending.isEmpty() ? 0 : (int) (next - pending.first() + 1));
    }
  }
}
