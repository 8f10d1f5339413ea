package io.realcast.webhooks.deliverer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {
  private final PartitionProgress progress = new PartitionProgress(new TopicPartition("t", 0));

  @Test
  void shouldCommitNothingBeforeAnythingIsDispatched() {
    assertThat(progress.commitable()).isEmpty();
  }

  @Test
  void shouldCommitOnlyUpToTheFirstRecordNotYetDurable() {
    for (long o = 10; o < 15; o++) {
      progress.dispatched(o);
    }
    progress.done(10);
    progress.done(12);
    progress.done(13);
    assertThat(progress.commitable()).hasValue(11);
    progress.committed(11);
    assertThat(progress.commitable()).isEmpty();
    progress.done(11);
    assertThat(progress.commitable()).hasValue(14);
    progress.done(14);
    assertThat(progress.commitable()).hasValue(15);
  }

  @Test
  void shouldNotCommitBackwards() {
    progress.dispatched(5);
    progress.done(5);
    progress.committed(6);
    assertThat(progress.commitable()).isEmpty();
  }
}
