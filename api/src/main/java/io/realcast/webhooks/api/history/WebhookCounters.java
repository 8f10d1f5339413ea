package io.realcast.webhooks.api.history;

import io.realcast.webhooks.delivery.Attempt;
import java.time.Instant;

/**
 * Lifetime counts of one webhook, kept in the history store (and its changelog): they survive restarts and the
 * retention of the deliveries they count. Per delivery, as the integration guide's stats imply: {@code received}
 * counts deliveries, and {@code byStatus} counts each by its latest status (delivered = the guide's processed,
 * dead = its failed), so the statuses always add up to {@code received} less the unfinished ones that expired.
 * Attempts are counted apart.
 */
public record WebhookCounters(long received, StatusCounts byStatus, long attempts, long failedAttempts, LastOutcomes last,
    LatencyHistogram latency) {
  public static final WebhookCounters ZERO =
      new WebhookCounters(0, StatusCounts.ZERO, 0, 0, LastOutcomes.NONE, LatencyHistogram.EMPTY);

  /** The latest successful and failed attempts ({@code lastFailure}: status code or error). */
  public record LastOutcomes(Instant successAt, Instant failureAt, String failure) {
    public static final LastOutcomes NONE = new LastOutcomes(null, null, null);

    LastOutcomes with(Attempt a) {
      Instant at = a.startedAt();
      if (a.delivered()) {
        return successAt == null || at.isAfter(successAt) ? new LastOutcomes(at, failureAt, failure) : this;
      }
      return failureAt == null || at.isAfter(failureAt) ? new LastOutcomes(successAt, at, describe(a)) : this;
    }

    private static String describe(Attempt a) {
      if (a.statusCode() > 0) {
        return "HTTP " + a.statusCode();
      }
      return a.error() == null ? a.result().code() : a.error();
    }
  }

  public WebhookCounters apply(Change change) {
    long newReceived = received + (change.isNew() ? 1 : 0);
    StatusCounts counts = byStatus.moved(change.isNew() ? null : change.before().status(), change.after().status());
    long newAttempts = attempts;
    long newFailed = failedAttempts;
    LastOutcomes newLast = last;
    LatencyHistogram newLatency = latency;
    for (Change.NewAttempt n : change.newAttempts()) {
      Attempt a = n.attempt();
      newAttempts++;
      newFailed += a.delivered() ? 0 : 1;
      newLast = newLast.with(a);
      newLatency = newLatency.with(a.latencyMillis());
    }
    return new WebhookCounters(newReceived, counts, newAttempts, newFailed, newLast, newLatency);
  }

  /** The history forgot {@code entry} (retention): an unfinished one leaves the lag; finished ones stay counted. */
  public WebhookCounters forget(DeliveryEntry entry) {
    return entry.status().isFinal() ? this
        : new WebhookCounters(received, byStatus.plus(entry.status(), -1), attempts, failedAttempts, last, latency);
  }
}
