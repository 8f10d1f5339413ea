package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.id.WebhookId;
import java.util.ArrayDeque;

/**
 * One webhook's lane on this instance: deliveries waiting (retries ahead of fresh ones) and attempts running, at most
 * {@code maxInFlight} at once, and how long its attempts take. Used by the dispatcher's thread only.
 */
final class Lane {
  /** Weight of the newest attempt in the moving average of attempt durations. */
  private static final double SMOOTHING = 0.2;

  final WebhookId webhook;
  final AppShare app;
  private final ArrayDeque<Work> retries = new ArrayDeque<>();
  private final ArrayDeque<Work> fresh = new ArrayDeque<>();
  /** Running attempts in start order: the first is the oldest. */
  private final ArrayDeque<Work> running = new ArrayDeque<>();
  private final int maxInFlight;
  private double averageNanos;
  /** When it last had nothing to do, or 0 while it has something. */
  long idleSinceNanos;
  boolean ready;

  Lane(WebhookId webhook, AppShare app, int maxInFlight) {
    this.webhook = webhook;
    this.app = app;
    this.maxInFlight = maxInFlight;
  }

  void add(Work work) {
    (work.isRetry() ? retries : fresh).add(work);
  }

  int queued() {
    return retries.size() + fresh.size();
  }

  int running() {
    return running.size();
  }

  boolean startable() {
    return queued() > 0 && running.size() < maxInFlight;
  }

  boolean idle() {
    return queued() == 0 && running.isEmpty();
  }

  /** The next delivery to attempt, retries first. */
  Work next() {
    return retries.isEmpty() ? fresh.poll() : retries.poll();
  }

  void running(Work w, long nowNanos) {
    w.startedNanos = nowNanos;
    running.add(w);
  }

  void ended(Work work, long nowNanos) {
    running.remove(work);
    long took = nowNanos - work.startedNanos;
    averageNanos = averageNanos == 0 ? took : averageNanos + SMOOTHING * (took - averageNanos);
  }

  /** Its attempts take {@code slowNanos} or longer on average, or one running now already has. */
  boolean slow(long nowNanos, long slowNanos) {
    Work oldest = running.peek();
    return averageNanos >= slowNanos || (oldest != null && nowNanos - oldest.startedNanos >= slowNanos);
  }

  /** Removes the waiting deliveries that came from {@code source}; returns how many. */
  int drop(PartitionQueue source) {
    int before = queued();
    retries.removeIf(w -> w.source == source);
    fresh.removeIf(w -> w.source == source);
    return before - queued();
  }

  /** Takes the newest waiting deliveries (fresh ones first) until at most {@code keep} wait; returns them. */
  java.util.List<Work> shed(int keep) {
    java.util.List<Work> shed = new java.util.ArrayList<>();
    while (queued() > keep) {
      shed.add(fresh.isEmpty() ? retries.pollLast() : fresh.pollLast());
    }
    return shed;
  }
}
