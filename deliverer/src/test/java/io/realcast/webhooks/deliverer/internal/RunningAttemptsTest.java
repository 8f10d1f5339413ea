package io.realcast.webhooks.deliverer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunningAttemptsTest {
  private static Work work(long offset) {
    return new Work(null, offset, null, null, 0);
  }

  @Test
  void shouldKeepTheOldestFirstWhateverEndsInBetween() {
    RunningAttempts running = new RunningAttempts();
    Work a = work(1);
    Work b = work(2);
    Work c = work(3);
    running.add(a);
    running.add(b);
    running.add(c);

    running.remove(b);
    assertThat(running.oldest()).isSameAs(a);
    assertThat(running.size()).isEqualTo(2);

    running.remove(a);
    assertThat(running.oldest()).as("the middle one left first, so c is next").isSameAs(c);

    Work d = work(4);
    running.add(d);
    running.remove(c);
    assertThat(running.oldest()).isSameAs(d);
    running.remove(d);
    assertThat(running.isEmpty()).isTrue();
    assertThat(running.oldest()).isNull();
  }

  @Test
  void shouldTakeTheNewestOutWithoutLosingTheRest() {
    RunningAttempts running = new RunningAttempts();
    Work a = work(1);
    Work b = work(2);
    running.add(a);
    running.add(b);

    running.remove(b);
    running.add(work(3));

    assertThat(running.oldest()).isSameAs(a);
    assertThat(running.size()).isEqualTo(2);
  }
}
