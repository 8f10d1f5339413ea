package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.deliverer.DisableRule.Verdict;
import io.realcast.webhooks.event.WebhookDisabledPayload.Reason;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.WebhookHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When the platform gives up on a webhook, as a table: one row per rule and per edge of it. */
class DisableRuleTest {
  private static final Instant NOW = Instant.parse("2024-12-10T11:00:00Z");
  private static final DisableRule RULE = DisableRule.DEFAULT;
  private static final WebhookId ID = WebhookId.of("wh_1");
  /** Version 3 of the webhook. */
  private static final Subscription WEBHOOK = new Subscription(ID, AppId.of("app_1"), "https://example.com/hook",
      Set.of(WebhookEventType.STREAM_LIVE), true, "", new WebhookSecret("whsec_" + "A".repeat(44)), Optional.empty(),
      NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(2)), null, null, 3);

  private static final Outcome OK = new Outcome.Delivered(200);
  private static final Outcome UNAVAILABLE = new Outcome.Temporary(503, null, Optional.empty());
  private static final Outcome TIMEOUT = new Outcome.Temporary(0, "timeout", Optional.empty());
  private static final Outcome REJECTED = new Outcome.Permanent(400, null);
  private static final Outcome GONE = new Outcome.Gone(410);

  private static Optional<WebhookHealth> failing(Duration forHowLong, long deadLetters, long version) {
    return Optional.of(new WebhookHealth(ID, version, NOW.minus(forHowLong), deadLetters, NOW.minusSeconds(60), "5xx"));
  }

  private static Optional<WebhookHealth> failing(Duration forHowLong, long deadLetters) {
    return failing(forHowLong, deadLetters, 3);
  }

  /** Expected: the health after the attempt (its failing-since age and dead letters), or none; and the disable reason. */
  private record Expect(Duration failingFor, long deadLetters, Reason disable) {
    static Expect healthy() {
      return new Expect(null, 0, null);
    }

    static Expect stillFailing(Duration failingFor, long deadLetters) {
      return new Expect(failingFor, deadLetters, null);
    }

    static Expect disabled(Reason reason) {
      return new Expect(null, 0, reason);
    }
  }

  static Stream<Arguments> rows() {
    Duration day = Duration.ofHours(24);
    return Stream.of(
        row("a success of a healthy webhook", Optional.empty(), OK, false, Expect.healthy()),
        row("a success ends any failing streak", failing(Duration.ofHours(30), 50), OK, false, Expect.healthy()),
        row("a first failure starts the clock now", Optional.empty(), UNAVAILABLE, false, Expect.stillFailing(Duration.ZERO, 0)),
        row("a first failure that is also a dead letter counts it", Optional.empty(), REJECTED, true,
            Expect.stillFailing(Duration.ZERO, 1)),
        row("a failure keeps the clock where it was", failing(Duration.ofHours(3), 2), TIMEOUT, false,
            Expect.stillFailing(Duration.ofHours(3), 2)),
        row("a dead letter adds one", failing(Duration.ofHours(3), 2), UNAVAILABLE, true,
            Expect.stillFailing(Duration.ofHours(3), 3)),
        row("a day of failing with 9 dead letters: not yet", failing(day, 8), UNAVAILABLE, true,
            Expect.stillFailing(day, 9)),
        row("10 dead letters within a day: not yet", failing(day.minusSeconds(1), 10), UNAVAILABLE, true,
            Expect.stillFailing(day.minusSeconds(1), 11)),
        row("a day of failing and the 10th dead letter: disabled", failing(day, 9), UNAVAILABLE, true,
            Expect.disabled(Reason.FAILING)),
        row("a day of failing with 10 dead letters, any failure: disabled", failing(day.plusHours(1), 10), TIMEOUT, false,
            Expect.disabled(Reason.FAILING)),
        row("410: disabled at once, healthy before", Optional.empty(), GONE, true, Expect.disabled(Reason.GONE)),
        row("410: disabled at once, failing before", failing(Duration.ofHours(2), 3), GONE, true, Expect.disabled(Reason.GONE)),
        row("counted against an older version of the webhook: the clock starts again",
            failing(Duration.ofDays(3), 40, 2), UNAVAILABLE, true, Expect.stillFailing(Duration.ZERO, 1)));
  }

  private static Arguments row(String name, Optional<WebhookHealth> before, Outcome outcome, boolean dead, Expect expect) {
    return Arguments.of(name, before, outcome, dead, expect);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void shouldFollowTheRule(String name, Optional<WebhookHealth> before, Outcome outcome, boolean dead, Expect expect) {
    Verdict verdict = RULE.afterAttempt(before, WEBHOOK, outcome, dead, NOW);

    if (expect.disable() != null) {
      assertThat(verdict.disable()).get().satisfies(d -> assertThat(d.reason()).isEqualTo(expect.disable()));
      assertThat(verdict.health()).as("nothing more to watch once disabled").isEmpty();
    } else {
      assertThat(verdict.disable()).isEmpty();
    }
    if (expect.failingFor() == null) {
      assertThat(verdict.health()).isEmpty();
    } else {
      assertThat(verdict.health()).get().satisfies(h -> {
        assertThat(h.failingSince()).isEqualTo(NOW.minus(expect.failingFor()));
        assertThat(h.deadLetters()).isEqualTo(expect.deadLetters());
        assertThat(h.webhookVersion()).isEqualTo(WEBHOOK.version());
        assertThat(h.lastFailureAt()).isEqualTo(NOW);
        assertThat(h.lastFailure()).isEqualTo(outcome.code());
      });
    }
  }

  @Test
  void shouldSayWhyInWordsAnOwnerUnderstands() {
    DisableRule.Disable failing = RULE.afterAttempt(failing(Duration.ofHours(26), 12), WEBHOOK, UNAVAILABLE, false, NOW)
        .disable().orElseThrow();
    DisableRule.Disable gone = RULE.afterAttempt(Optional.empty(), WEBHOOK, GONE, true, NOW).disable().orElseThrow();

    assertThat(failing.detail()).isEqualTo("every attempt failed for 26 h with 12 dead letters; last: 5xx");
    assertThat(failing.failingSince()).isEqualTo(NOW.minus(Duration.ofHours(26)));
    assertThat(failing.deadLetters()).isEqualTo(12);
    assertThat(gone.detail()).isEqualTo("the endpoint answered 410 Gone at 2024-12-10T11:00:00Z");
    assertThat(gone.failingSince()).isNull();
  }
}
