package io.realcast.webhooks.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.router.RouterMetrics;
import io.realcast.webhooks.router.commit.CommitPace;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** Two tasks of one stream thread sharing its pacer, driven by Kafka Streams' own mock context. */
class PaceCommitsProcessorTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CommitPacers pacers = new CommitPacers(new CommitPace(Duration.ofMillis(10), Duration.ofMillis(100)));
  private final Task a = new Task();
  private final Task b = new Task();

  private final class Task {
    final MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
    final PaceCommitsProcessor processor = new PaceCommitsProcessor(pacers, new RouterMetrics(registry));

    Task() {
      processor.init(context);
    }

    /**
     * Processes one raw event produced at {@code producedAt}; true if the task asked for a commit, which then ends at
     * once, as the thread's producer would report it.
     */
    boolean process(long now, long producedAt) {
      return endsCommit(now, requested(now, producedAt));
    }

    /** The same, leaving a requested commit under way. */
    boolean requested(long now, long producedAt) {
      context.resetCommit();
      context.setCurrentSystemTimeMs(now);
      processor.process(new Record<>("stream-1", new byte[] {1}, producedAt));
      return context.committed();
    }

    /** Fires this task's commit timer, as Kafka Streams would at {@code now}; false if none is set. */
    boolean tick(long now) {
      context.resetCommit();
      Optional<CapturedPunctuator> timer = timer();
      timer.ifPresent(t -> t.getPunctuator().punctuate(now));
      return endsCommit(now, context.committed());
    }

    private boolean endsCommit(long now, boolean requested) {
      if (requested) {
        pacers.current().committed(now);
      }
      return requested;
    }

    Optional<CapturedPunctuator> timer() {
      return context.scheduledPunctuators().stream().filter(p -> !p.cancelled()).reduce((first, second) -> second);
    }
  }

  @Test
  void shouldPassEveryRecordOnUnchanged() {
    a.process(1_000, 999);

    assertThat(a.context.forwarded()).singleElement()
        .satisfies(f -> assertThat(f.record().timestamp()).isEqualTo(999))
        .satisfies(f -> assertThat(f.record().key()).isEqualTo("stream-1"));
  }

  @Test
  void shouldSetATimerOnlyWhileTheTaskHasRecordsWaitingForTheirCommit() {
    assertThat(a.timer()).as("nothing processed").isEmpty();
    a.process(1_000, 1_000);
    assertThat(a.timer()).as("committed at once").isEmpty();
    a.process(1_003, 1_003);
    assertThat(a.timer()).as("set for when the transaction is due").hasValueSatisfying(
        t -> assertThat(t.getInterval()).isEqualTo(Duration.ofMillis(7)));

    assertThat(a.tick(1_013)).isTrue();
    assertThat(a.timer()).as("stopped with the commit").isEmpty();
  }

  @Test
  void shouldStopTheTimerOfATaskWhoseRecordsAnotherTasksCommitCovered() {
    a.process(1_000, 1_000);
    a.process(1_002, 1_002);
    b.process(1_010, 1_010);

    assertThat(a.tick(1_012)).isFalse();
    assertThat(a.timer()).isEmpty();
  }

  @Test
  void shouldCommitTheLastRecordsOfABurstWhenTheyAreDue() {
    assertThat(a.process(1_000, 998)).isTrue();
    assertThat(a.process(1_003, 1_001)).isFalse();

    assertThat(a.tick(1_008)).isFalse();
    assertThat(a.tick(1_010)).isTrue();
    assertThat(a.tick(1_020)).as("nothing new since").isFalse();
  }

  @Test
  void shouldLeaveTheCommitToTheTaskWithRecordsInIt() {
    a.process(1_000, 1_000);
    b.process(1_001, 1_001);
    assertThat(a.process(1_010, 1_010)).as("a's record at the floor commits b's with it").isTrue();
    b.process(1_012, 1_012);

    assertThat(a.tick(1_022)).as("a has nothing in the open transaction").isFalse();
    assertThat(b.tick(1_022)).isTrue();
  }

  @Test
  void shouldLeaveAFixedPaceToKafkaStreamsAlone() {
    CommitPacers fixed = new CommitPacers(CommitPace.fixed(Duration.ofMillis(10)));
    MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
    PaceCommitsProcessor processor = new PaceCommitsProcessor(fixed, new RouterMetrics(registry));
    processor.init(context);
    context.setCurrentSystemTimeMs(1_000);
    processor.process(new Record<>("stream-1", new byte[] {1}, 1_000));

    assertThat(context.committed()).isFalse();
    assertThat(context.scheduledPunctuators()).isEmpty();
    assertThat(context.forwarded()).hasSize(1);
  }

  @Test
  void shouldCommitLessOftenOnceTheInputHasBeenLateForASecond() {
    long now = 10_000;
    int firstSecond = 0;
    int secondSecond = 0;
    for (int i = 0; i < 2_000; i++) {
      now++;
      boolean committed = a.process(now, now - 1_000);
      if (committed && i < 1_000) {
        firstSecond++;
      } else if (committed) {
        secondSecond++;
      }
    }

    assertThat(firstSecond).as("late for less than a second: perhaps a pause, so every 10 ms").isBetween(95, 100);
    assertThat(secondSecond).as("then a backlog: about one commit per 100 ms").isBetween(9, 13);
    assertThat(registry.get("realcast.router.transaction.open").timer().max(java.util.concurrent.TimeUnit.MILLISECONDS))
        .isBetween(95.0, 100.0);
  }

  @Test
  void shouldAskForNothingMoreWhileACommitIsUnderWay() {
    assertThat(a.requested(1_000, 1_000)).isTrue();
    assertThat(a.requested(1_012, 1_012)).as("the commit asked for at 1,000 has not ended").isFalse();
    assertThat(a.timer()).as("the record at 1,012 is in the commit under way: no timer").isEmpty();
    assertThat(b.requested(1_013, 1_013)).isFalse();
    assertThat(b.timer()).as("nor for another task's").isEmpty();

    pacers.current().committed(1_015);
    assertThat(a.tick(1_016)).as("the record at 1,012 was in that commit").isFalse();
    assertThat(a.timer()).isEmpty();
    assertThat(a.process(1_020, 1_020)).isFalse();
    assertThat(a.tick(1_025)).as("the floor after the commit ended").isTrue();
  }
}
