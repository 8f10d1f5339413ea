package io.realcast.webhooks.api.log;

import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Stats of one webhook over the deliveries the log holds. {@code received}, {@code processed} and
 * {@code failed} are the integration guide's shape: deliveries received, delivered, and attempts that failed.
 *
 * @param p50LatencyMillis median attempt latency, or -1 without attempts
 * @param lastFailure status code or error of the last failed attempt, or null
 */
public record WebhookStats(
    long received,
    long processed,
    long failed,
    long pending,
    long retrying,
    long dead,
    long attempts,
    long p50LatencyMillis,
    long p99LatencyMillis,
    Instant lastSuccessAt,
    Instant lastFailureAt,
    String lastFailure) {

  public static WebhookStats of(Collection<DeliverySummary> deliveries) {
    long processed = 0;
    long pending = 0;
    long retrying = 0;
    long dead = 0;
    long failedAttempts = 0;
    List<Long> latencies = new ArrayList<>();
    Attempt lastSuccess = null;
    Attempt lastFailure = null;
    for (DeliverySummary d : deliveries) {
      switch (d.status()) {
        case DELIVERED -> processed++;
        case PENDING -> pending++;
        case RETRYING -> retrying++;
        case DEAD -> dead++;
      }
      for (Attempt a : d.attempts()) {
        latencies.add(a.latencyMillis());
        if (a.result() == AttemptResult.DELIVERED) {
          lastSuccess = later(lastSuccess, a);
        } else {
          failedAttempts++;
          lastFailure = later(lastFailure, a);
        }
      }
    }
    Collections.sort(latencies);
    return new WebhookStats(deliveries.size(), processed, failedAttempts, pending, retrying, dead, latencies.size(),
        percentile(latencies, 50), percentile(latencies, 99),
        lastSuccess == null ? null : lastSuccess.startedAt(),
        lastFailure == null ? null : lastFailure.startedAt(),
        lastFailure == null ? null : describe(lastFailure));
  }

  private static Attempt later(Attempt current, Attempt candidate) {
    return current == null || candidate.startedAt().isAfter(current.startedAt()) ? candidate : current;
  }

  /** Nearest-rank percentile of sorted values; -1 when there are none. */
  static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static String describe(Attempt a) {
    if (a.statusCode() > 0) {
      return "HTTP " + a.statusCode();
    }
    return a.error() == null ? a.result().code() : a.error();
  }
}
