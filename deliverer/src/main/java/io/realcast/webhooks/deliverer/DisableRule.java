package io.realcast.webhooks.deliverer;

import io.realcast.webhooks.event.WebhookDisabledPayload.Reason;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.WebhookHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the platform gives up on a webhook (docs/DELIVERY.md, "Disabled webhooks"): at once when its endpoint answers
 * 410 Gone, and when every attempt has failed for {@code failingFor} since the first failure after the last success,
 * with at least {@code minDeadLetters} dead letters in that time. A pure decision, like {@link PlacementPolicy}: it reads
 * the webhook's health before an attempt and says what it is after, and whether to disable.
 *
 * <p>A change to the webhook (a new version: a new URL, a re-enable) starts the count afresh: the failures were counted
 * against what it was.
 */
public record DisableRule(Duration failingFor, long minDeadLetters) {

  public static final DisableRule DEFAULT = new DisableRule(Duration.ofHours(24), 10);

  public DisableRule {
    if (failingFor.isNegative() || failingFor.isZero()) {
      throw new IllegalArgumentException("failingFor must be positive: " + failingFor);
    }
    if (minDeadLetters < 0) {
      throw new IllegalArgumentException("minDeadLetters must not be negative: " + minDeadLetters);
    }
  }

  /**
   * The webhook's health after an attempt, and whether to disable it.
   *
   * @param health what it was before (empty: not failing)
   * @param deadLettered whether the attempt was its delivery's last (dead-lettered after it)
   */
  public Verdict afterAttempt(Optional<WebhookHealth> health, Subscription webhook, Outcome outcome, boolean deadLettered,
      Instant now) {
    Optional<WebhookHealth> before = health.filter(h -> h.webhookVersion() == webhook.version());
    if (outcome instanceof Outcome.Delivered) {
      return Verdict.HEALTHY;
    }
    WebhookHealth after = before.orElseGet(() -> new WebhookHealth(webhook.id(), webhook.version(), now, 0, now, ""))
        .failedAgain(now, outcome.code(), deadLettered);
    if (outcome instanceof Outcome.Gone) {
      return new Verdict(Optional.empty(), Optional.of(new Disable(Reason.GONE,
          "the endpoint answered 410 Gone at " + now, null, after.deadLetters())));
    }
    Duration failing = Duration.between(after.failingSince(), now);
    if (failing.compareTo(failingFor) >= 0 && after.deadLetters() >= minDeadLetters) {
      return new Verdict(Optional.empty(), Optional.of(new Disable(Reason.FAILING,
          "every attempt failed for " + hours(failing) + " with " + after.deadLetters() + " dead letters; last: "
              + outcome.code(), after.failingSince(), after.deadLetters())));
    }
    return new Verdict(Optional.of(after), Optional.empty());
  }

  private static String hours(Duration d) {
    return d.toMinutes() >= 120 ? d.toHours() + " h" : d.toMinutes() + " min";
  }

  /**
   * @param health what to remember (empty: nothing, the webhook is healthy or no longer to be watched)
   * @param disable what to do about it, if anything
   */
  public record Verdict(Optional<WebhookHealth> health, Optional<Disable> disable) {
    static final Verdict HEALTHY = new Verdict(Optional.empty(), Optional.empty());
  }

  /** Disable the webhook, and tell the app why. */
  public record Disable(Reason reason, String detail, Instant failingSince, long deadLetters) {}
}
