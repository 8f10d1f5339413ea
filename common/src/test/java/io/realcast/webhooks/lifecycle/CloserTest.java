package io.realcast.webhooks.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CloserTest {
  private final List<String> closed = new CopyOnWriteArrayList<>();
  private final CountDownLatch never = new CountDownLatch(1);

  @Test
  void shouldCloseInReverseOrderOfStart() {
    Closer closer = new Closer("test", Duration.ofSeconds(5));
    closer.add("broker", () -> closed.add("broker"), Duration.ofSeconds(1));
    closer.add("router", () -> closed.add("router"), Duration.ofSeconds(1));
    closer.add("api", () -> closed.add("api"), Duration.ofSeconds(1));

    closer.close();
    closer.close();

    assertThat(closed).containsExactly("api", "router", "broker");
    assertThat(closer.outcomes()).extracting(Closer.Outcome::inTime).containsOnly(true);
  }

  @Test
  void shouldMoveOnFromAPartThatHangsAndStillCloseTheOthers() {
    Closer closer = new Closer("test", Duration.ofSeconds(5));
    closer.add("broker", () -> closed.add("broker"), Duration.ofSeconds(1));
    closer.add("stuck", never::await, Duration.ofMillis(200));
    closer.add("failing", () -> {
      throw new IllegalStateException("boom");
    }, Duration.ofSeconds(1));

    long start = System.nanoTime();
    closer.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(closed).containsExactly("broker");
    assertThat(closer.outcomes()).extracting(Closer.Outcome::name).containsExactly("failing", "stuck", "broker");
    assertThat(closer.outcomes().get(0).failure()).hasMessage("boom");
    assertThat(closer.outcomes().get(1).inTime()).isFalse();
  }

  @Test
  void shouldKeepToTheOverallBoundWhateverThePartsAddUpTo() {
    Closer closer = new Closer("test", Duration.ofMillis(500));
    for (int i = 0; i < 5; i++) {
      closer.add("stuck" + i, never::await, Duration.ofSeconds(2));
    }

    long start = System.nanoTime();
    closer.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    assertThat(closer.outcomes()).hasSize(5).extracting(Closer.Outcome::inTime).containsOnly(false);
  }

  @Test
  void shouldCloseAndRefuseWhatStartsAfterClosingBegan() {
    Closer closer = new Closer("test", Duration.ofSeconds(1));
    closer.close();

    assertThatThrownBy(() -> closer.add("late", () -> closed.add("late"), Duration.ofSeconds(1)))
        .isInstanceOf(Closer.ClosedException.class).hasMessageContaining("late");
    assertThat(closed).containsExactly("late");
  }
}
