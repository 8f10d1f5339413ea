package io.realcast.webhooks.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WakeUpScheduleTest {
  private final WakeUpSchedule schedule = new WakeUpSchedule();

  @Test
  void shouldReturnOnlyTheStreamsDueEarliestFirstAndForgetThem() {
    schedule.schedule("b", 200);
    schedule.schedule("a", 100);
    schedule.schedule("c", 300);

    assertThat(schedule.takeDue(250)).containsExactly("a", "b");
    assertThat(schedule.takeDue(250)).isEmpty();
    assertThat(schedule.size()).isEqualTo(1);
  }

  @Test
  void shouldKeepOneEntryPerStream() {
    schedule.schedule("a", 100);
    schedule.schedule("a", 500);
    schedule.scheduleIfAbsent("a", 50);

    assertThat(schedule.takeDue(400)).isEmpty();
    assertThat(schedule.takeDue(500)).containsExactly("a");
  }

  @Test
  void shouldForgetACancelledStream() {
    schedule.schedule("a", 100);
    schedule.cancel("a");
    schedule.cancel("never");

    assertThat(schedule.takeDue(1_000)).isEmpty();
    assertThat(schedule.size()).isZero();
  }
}
