package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(RetrySchedule.DEFAULT, Duration.ofMinutes(5));

  @ParameterizedTest(name = "delay {0}, Retry-After {1}: wait {2}")
  @CsvSource({
    "PT1S, , PT1S",
    "PT1S, PT0.5S, PT1S",  // shorter than the schedule: the schedule wins
    "PT1S, PT30S, PT30S",  // longer: honoured
    "PT5S, PT4M, PT4M",
    "PT1S, PT10M, PT5M",   // capped at 5 minutes
  })
  void shouldHonourRetryAfterOnlyToWaitLongerAndUpToTheCap(Duration delay, Duration retryAfter, Duration wait) {
    assertThat(policy.wait(delay, new Outcome.Temporary(503, null, Optional.ofNullable(retryAfter)))).isEqualTo(wait);
  }

  @ParameterizedTest(name = "a wait of {0} parks in the {1} topic")
  @CsvSource({"PT0.2S, PT1S", "PT1S, PT1S", "PT4S, PT1S", "PT5S, PT5S", "PT24S, PT5S", "PT25S, PT25S", "PT5M, PT25S"})
  void shouldParkLongWaitsInTheLongestTopicThatFits(Duration wait, Duration tier) {
    assertThat(policy.parkingTier(wait)).isEqualTo(tier);
  }

  @Test
  void shouldDeferLongerEachTimeALaneIsStillFull() {
    assertThat(policy.deferral(null)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.deferral(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(5));
    assertThat(policy.deferral(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(25));
    assertThat(policy.deferral(Duration.ofSeconds(25))).isEqualTo(Duration.ofSeconds(25));
  }
}
