package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.subscription.DeliveryOptions;
import java.util.List;
import java.util.function.Predicate;

/**
 * One webhook's lane on this instance: its waiting deliveries (in the discipline its ordering asks for), its running
 * attempts (at most its in-flight limit, at most its rate limit), and how long its attempts take. Used by the
 * dispatcher's thread only.
 */
final class Lane {
  /** Weight of the newest attempt in the moving average of attempt durations. */
  private static final double SMOOTHING = 0.2;

  final WebhookId webhook;
  final AppShare app;
  /** Its in-flight limit when the webhook names none. */
  private final InFlightLimit adaptive;
  /** Whether an ordered stream's head may start: its stream's gate lets it through. */
  private final Predicate<Work> mayStart;
  private LaneQueue queue = new LaneQueue.Unordered();
  private boolean ordered;
  /** Running attempts in start order: the first is the oldest. */
  private final LinkedQueue<Work> running = new LinkedQueue<>();
  /** The webhook's own {@code max_in_flight}, or 0. */
  private int ownMaxInFlight;
  private RateLimiter limiter;
  private double averageNanos;
  /** When it last had nothing to do, or 0 while it has something. */
  long idleSinceNanos;
  /** A timer is set to look at it again (its rate limit). */
  boolean wakeScheduled;
  boolean ready;
  /** It waits for a slow webhook's attempt to end before it may start one (it is slow, and they hold their share). */
  boolean waitingForSlowRoom;
  /** It is in line for a retry turn. */
  boolean inRetryLine;
  /** Its deliveries this instance parked in a retry topic for want of room, until they are due back. */
  final ParkedCount parked = new ParkedCount();

  Lane(WebhookId webhook, AppShare app, InFlightLimit adaptive, Predicate<Work> mayStart) {
    this.webhook = webhook;
    this.app = app;
    this.adaptive = adaptive;
    this.mayStart = mayStart;
  }

  /** Takes the webhook's current options. An ordering change applies once the lane is empty, so nothing is reordered. */
  void configure(DeliveryOptions options, long nowNanos) {
    ownMaxInFlight = options.maxInFlight().orElse(0);
    int rate = options.rateLimitPerSecond().orElse(0);
    if (rate <= 0) {
      limiter = null;
    } else if (limiter == null || limiter.perSecond() != rate) {
      limiter = new RateLimiter(rate, nowNanos);
    }
    if (options.ordered() != ordered && idle()) {
      ordered = options.ordered();
      queue = ordered ? new LaneQueue.Ordered(mayStart) : new LaneQueue.Unordered();
    }
  }

  boolean ordered() {
    return ordered;
  }

  /** Attempts it may have running at once: the webhook's own limit, else the adaptive one. */
  int round() {
    return ownMaxInFlight > 0 ? ownMaxInFlight : adaptive.current();
  }

  void add(Work work) {
    queue.add(work);
    idleSinceNanos = 0;
  }

  int queued() {
    return queue.waiting();
  }

  int running() {
    return running.size();
  }

  /** A delivery may start now: one waits and may go, a slot is free, and the rate limit allows it. */
  boolean startable(long nowNanos) {
    return running.size() < round() && queue.hasNext(nowNanos) && (limiter == null || limiter.available(nowNanos));
  }

  /** Its next delivery to start is a due retry (an unordered lane's: an ordered stream keeps its own order). */
  boolean nextIsRetry() {
    return queue.nextIsRetry();
  }

  /** When it may start something, if it has something and a free slot but must wait for time; else Long.MAX_VALUE. */
  long wakeAtNanos(long nowNanos) {
    if (running.size() >= round() || queue.waiting() == 0) {
      return Long.MAX_VALUE;
    }
    long at = queue.nextStartNanos(nowNanos);
    return limiter == null || at == Long.MAX_VALUE ? at : Math.max(at, limiter.nextTokenNanos(nowNanos));
  }

  boolean idle() {
    return queue.waiting() == 0 && running.isEmpty();
  }

  /** The next delivery to attempt; now running. Call only when {@link #startable} said so. */
  Work start(long nowNanos) {
    Work w = queue.next(nowNanos);
    if (limiter != null) {
      limiter.tryTake(nowNanos);
    }
    w.startedNanos = nowNanos;
    w.running = true;
    running.add(w);
    return w;
  }

  /**
   * An attempt of {@code work} got its answer, or failed on the way ({@code pushedBack}: the endpoint did not take it,
   * see {@link InFlightLimit#ended}): it ends, and moves the adaptive limit.
   */
  void answered(Work work, boolean pushedBack, long nowNanos) {
    boolean full = running.size() >= round() && queue.waiting() > 0;
    attemptEnded(work, nowNanos);
    adaptive.ended(nowNanos - work.startedNanos, full, pushedBack);
  }

  /** An attempt of {@code work} ended, or it left its running slot without one. */
  void attemptEnded(Work work, long nowNanos) {
    running.remove(work);
    work.running = false;
    long took = nowNanos - work.startedNanos;
    averageNanos = averageNanos == 0 ? took : averageNanos + SMOOTHING * (took - averageNanos);
  }

  /** {@code work} is final: it leaves its stream (an ordered lane's next delivery of that stream may start). */
  void finished(Work work, long nowNanos) {
    queue.finished(work);
    if (idle()) {
      idleSinceNanos = nowNanos;
    }
  }

  /** The lowest sequence number of {@code stream} in this lane, running or waiting; Long.MAX_VALUE if none or unordered. */
  long lowestSequence(String stream) {
    return queue instanceof LaneQueue.Ordered ordered ? ordered.lowestSequence(stream) : Long.MAX_VALUE;
  }

  List<Work> behind(Work work) {
    return queue.behind(work);
  }

  /**
   * Its attempts take {@code slowNanos} or longer on average, or one running now already has, or its rate limit alone
   * makes what it queued wait longer than that.
   */
  boolean slow(long nowNanos, long slowNanos) {
    Work oldest = running.oldest();
    boolean attemptsSlow = averageNanos >= slowNanos || (oldest != null && nowNanos - oldest.startedNanos >= slowNanos);
    boolean throttled = limiter != null && queued() > Math.max(round(), limiter.perSecond() * (slowNanos / 1e9));
    return attemptsSlow || throttled;
  }

  /**
   * How long it needs, at the pace its attempts go, for what waits here and what it parked that is not due back yet
   * (what another instance parked is not counted: the estimate errs short). The pace: the attempts it has running
   * (fewer than its limit when the slow share is what holds it) per attempt duration (the average, or the oldest
   * running attempt's age if that is longer, as for an endpoint that hangs), no faster than its rate limit.
   */
  long backlogNanos(long nowNanos) {
    Work oldest = running.oldest();
    double perAttempt = Math.max(averageNanos, oldest == null ? 0 : nowNanos - oldest.startedNanos);
    int slots = running.isEmpty() ? round() : running.size();
    long ahead = (long) queued() + parked.notYetDue(nowNanos);
    double byAttempts = ahead * perAttempt / slots;
    double byLimit = limiter == null ? 0 : ahead * 1e9 / limiter.perSecond();
    return (long) Math.max(byAttempts, byLimit);
  }

  int drop(PartitionQueue source) {
    return queue.drop(source);
  }

  List<Work> shed(int keep) {
    return queue.shed(keep);
  }
}
