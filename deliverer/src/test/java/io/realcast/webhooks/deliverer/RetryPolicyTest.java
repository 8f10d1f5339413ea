package io.realcast.webhooks.deliverer;

import io.realcast.webhooks.delivery.DeadReason;
import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2024-12-09T10:05:00Z");
  private final RetryPolicy policy = new RetryPolicy(RetrySchedule.DEFAULT, Duration.ofMinutes(5));

  private static Outcome.Temporary temporary(Duration retryAfter) {
    return new Outcome.Temporary(503, null, Optional.ofNullable(retryAfter));
  }

  @ParameterizedTest(name = "after attempt {0}: retry in {1}")
  @CsvSource({"1, PT1S", "2, PT5S", "3, PT25S"})
  void shouldFollowTheScheduleOnTemporaryFailures(int attempt, Duration delay) {
    assertThat(policy.decide(attempt, temporary(null), NOW)).isEqualTo(new Decision.Retry(delay, NOW.plus(delay)));
  }

  @Test
  void shouldGiveUpAfterTheFourthAttempt() {
    Decision decision = policy.decide(4, temporary(null), NOW);
    assertThat(decision).isInstanceOf(Decision.Dead.class);
    assertThat(((Decision.Dead) decision).reason()).isEqualTo(DeadReason.RETRIES_EXHAUSTED);
  }

  @ParameterizedTest(name = "attempt {0}, Retry-After {1}: due in {2}")
  @CsvSource({
    "1, PT0.5S, PT1S",    // shorter than the tier: the tier wins
    "1, PT30S, PT30S",    // longer: honoured
    "2, PT4M, PT4M",
    "1, PT10M, PT5M",     // capped at 5 minutes
    "3, PT1H, PT5M",
  })
  void shouldHonourRetryAfterUpToTheCap(int attempt, Duration retryAfter, Duration expectedWait) {
    Decision.Retry retry = (Decision.Retry) policy.decide(attempt, temporary(retryAfter), NOW);
    assertThat(retry.dueAt()).isEqualTo(NOW.plus(expectedWait));
    assertThat(retry.tier()).isEqualTo(RetrySchedule.DEFAULT.delayAfter(attempt).orElseThrow());
  }

  @Test
  void shouldDeadLetterPermanentGoneAndRefusedAtOnce() {
    assertThat(policy.decide(1, new Outcome.Permanent(404, null), NOW)).isEqualTo(new Decision.Dead(DeadReason.PERMANENT_FAILURE, "HTTP 404"));
    assertThat(((Decision.Dead) policy.decide(1, new Outcome.Gone(410), NOW)).reason()).isEqualTo(DeadReason.GONE);
    assertThat(((Decision.Dead) policy.decide(1, new Outcome.Refused("10.0.0.1 is a private address"), NOW)).reason())
        .isEqualTo(DeadReason.TARGET_REFUSED);
  }

  @Test
  void shouldBeDoneWhenDelivered() {
    assertThat(policy.decide(2, new Outcome.Delivered(204), NOW)).isEqualTo(new Decision.Done());
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
