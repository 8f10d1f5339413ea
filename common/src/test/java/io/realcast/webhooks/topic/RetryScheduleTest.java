package io.realcast.webhooks.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryScheduleTest {

  @Test
  void shouldDefaultToTheGuidesOneFiveTwentyFiveSeconds() {
    assertThat(RetrySchedule.DEFAULT.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(25));
    assertThat(RetrySchedule.DEFAULT.maxAttempts()).isEqualTo(4);
    assertThat(RetrySchedule.DEFAULT).hasToString("1s,5s,25s");
  }

  @Test
  void shouldGiveTheDelayAfterEachAttemptAndNoneAfterTheLast() {
    RetrySchedule s = RetrySchedule.DEFAULT;

    assertThat(s.delayAfter(1)).contains(Duration.ofSeconds(1));
    assertThat(s.delayAfter(2)).contains(Duration.ofSeconds(5));
    assertThat(s.delayAfter(3)).contains(Duration.ofSeconds(25));
    assertThat(s.delayAfter(4)).isEmpty();
    assertThat(s.delayAfter(0)).isEmpty();
    assertThat(s.delayAfter(-1)).isEmpty();
  }

  @Test
  void shouldParseEveryUnitAndRoundTripThroughToString() {
    RetrySchedule s = RetrySchedule.parse(" 500ms, 2s ,3m,1h");

    assertThat(s.delays()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMinutes(3), Duration.ofHours(1));
    assertThat(RetrySchedule.parse(s.toString())).isEqualTo(s);
  }

  @Test
  void shouldAllowAnEmptyScheduleMeaningNoRetries() {
    RetrySchedule none = RetrySchedule.parse("");

    assertThat(none.maxAttempts()).isEqualTo(1);
    assertThat(none.delayAfter(1)).isEqualTo(Optional.empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "1.5s", "s", "-1s", "0s", "5x", "1s,,5s", "1s,1000ms", "5s,5s", "abc"})
  void shouldRejectBadSchedulesWithAMessage(String text) {
    assertThatThrownBy(() -> RetrySchedule.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("null");
  }

  @Test
  void shouldLabelDelaysByTheirLargestWholeUnit() {
    assertThat(List.of(Duration.ofMillis(1500), Duration.ofSeconds(90), Duration.ofMinutes(120), Duration.ofSeconds(60)))
        .extracting(RetrySchedule::label).containsExactly("1500ms", "90s", "2h", "1m");
  }
}
