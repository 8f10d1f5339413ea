package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.deliverer.Outcome;
import io.realcast.webhooks.deliverer.Placement;
import io.realcast.webhooks.deliverer.PlacementPolicy;
import io.realcast.webhooks.deliverer.Situation;
import io.realcast.webhooks.deliverer.Situation.Arrival;
import io.realcast.webhooks.deliverer.Situation.Load;
import io.realcast.webhooks.deliverer.Situation.Source;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.subscription.Subscription;
import io.vertx.core.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The deliverer's engine. It owns every delivery from the moment the {@link PollLoop} hands it over until its outcome
 * is durable, on one Vert.x context (so no locks): it asks the {@link PlacementPolicy} where each one goes and does
 * what the answer says — admits it to its webhook's lane, holds its partition, defers it, dead-letters it — and starts
 * attempts in turn across apps, within the per-webhook, per-app and instance limits.
 */
public final class Dispatcher implements Intake, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  /** How often lanes are looked over: slow ones shed what they queued, long-idle ones are forgotten. */
  static final Duration TICK = Duration.ofMillis(100);
  static final Duration FORGET_IDLE_LANES_AFTER = Duration.ofMinutes(1);

  /**
   * The numbers the dispatcher works within.
   *
   * @param slowAfter an attempt that takes this long (or lanes whose attempts do, on average) marks its webhook slow
   * @param maxInFlightSlow attempts in flight to slow webhooks, all together: the rest of the instance's slots stay
   *     for webhooks that answer
   * @param maxInFlightPerWebhook attempts in flight to a webhook without a limit of its own, to begin with and at least;
   *     up to {@code maxInFlightPerWebhookCeiling} while its endpoint answers as fast with more ({@link InFlightLimit});
   *     a ceiling at or below it makes the limit fixed
   */
  public record Limits(int maxInFlight, int maxInFlightPerApp, int maxInFlightPerWebhook, Duration slowAfter,
      int maxInFlightSlow, int maxInFlightPerWebhookCeiling) {
    public Limits {
      maxInFlightPerWebhookCeiling = Math.max(maxInFlightPerWebhook, maxInFlightPerWebhookCeiling);
    }
  }

  private final Context context;
  private final PlacementPolicy policy;
  private final Subscriptions subscriptions;
  private final DeliveryAttempt attempts;
  private final Recorder recorder;
  private final FailingWebhooks failing;
  private final DelivererMetrics metrics;
  private final Clock clock;
  private final HttpSender.Ticker ticker;
  private final Limits limits;
  private final long slowNanos;
  private final long tickTimer;

  // Owned by the context's thread.
  private final Map<PartitionLease, PartitionQueue> partitions = new HashMap<>();
  private final Map<WebhookId, Lane> lanes = new HashMap<>();
  private final Map<AppId, AppShare> apps = new HashMap<>();
  private final ArrayDeque<AppShare> readyApps = new ArrayDeque<>();
  private final Set<PartitionQueue> waitingForInstance = new LinkedHashSet<>();
  /** Slow lanes that could start an attempt but wait for a slow webhook's attempt to end (in turn). */
  private final ArrayDeque<Lane> waitingForSlowRoom = new ArrayDeque<>();
  /** Lanes whose next delivery is a due retry and that may start it now: every other start is theirs. */
  private final ArrayDeque<Lane> retryLine = new ArrayDeque<>();
  /** Whose turn the next start is while both wait: the retry line's, or the apps'. Kept across pumps. */
  private boolean retryTurn = true;
  private final LatestCounts counts = new LatestCounts();
  private final StreamGates gates;
  private int buffered;
  private int inFlight;
  /** Attempts in flight that started while their webhook was slow. */
  private int slowInFlight;
  /** Writes of outcomes not yet acknowledged. */
  private int writing;
  private boolean stopping;
  private boolean recheckScheduled;
  private long lastFlushNanos;

  // Read by other threads: the gauges and the poll loop.
  private final AtomicInteger backlog = new AtomicInteger();
  private volatile int bufferedSeen;
  private volatile int inFlightSeen;
  private volatile int slowSeen;
  private volatile int unfinished;

  public Dispatcher(Context context, PlacementPolicy policy, Subscriptions subscriptions, HttpSender sender, Recorder recorder,
      FailingWebhooks failing, DelivererMetrics metrics, Clock clock, HttpSender.Ticker ticker, Limits limits) {
    this.context = context;
    this.policy = policy;
    this.subscriptions = subscriptions;
    this.attempts = new DeliveryAttempt(sender, clock);
    this.recorder = recorder;
    this.failing = failing;
    this.metrics = metrics;
    this.clock = clock;
    this.ticker = ticker;
    this.limits = limits;
    this.slowNanos = limits.slowAfter().toNanos();
    this.gates = new StreamGates(recorder, metrics);
    this.tickTimer = context.owner().setPeriodic(TICK.toMillis(), id -> context.runOnContext(v -> tick()));
    metrics.gauges(() -> inFlightSeen, () -> bufferedSeen, () -> slowSeen);
  }

  // ---- Intake: called on the poll thread, carried over to the context ----

  @Override
  public void assigned(PartitionLease lease) {
    context.runOnContext(v -> {
      partitions.put(lease, new PartitionQueue(lease));
      if (lease.tier() == null) {
        gates.assigned(lease, lease.gates(), ticker.nanos());
      }
    });
  }

  @Override
  public void received(PartitionLease lease, List<Inbound> records) {
    backlog.addAndGet(records.size());
    context.runOnContext(v -> {
      backlog.addAndGet(-records.size());
      PartitionQueue pq = partitions.get(lease);
      if (pq == null || pq.revoked) {
        return;
      }
      for (Inbound r : records) {
        pq.progress.received(r.offset());
        pq.pending.add(r);
        if (r instanceof Inbound.Readable readable) {
          counts.seen(readable.delivery());
        }
      }
      place(pq);
    });
  }

  @Override
  public void revoked(PartitionLease lease) {
    context.runOnContext(v -> {
      PartitionQueue pq = partitions.remove(lease);
      if (pq != null) {
        pq.revoked = true;
        dropWaiting(pq);
      }
      gates.revoked(lease);
    });
  }

  /** Drops what has not started; attempts in flight finish and are recorded, so the last commit covers them. */
  @Override
  public void stopping() {
    context.runOnContext(v -> {
      stopping = true;
      partitions.values().forEach(this::dropWaiting);
      publish();
    });
  }

  @Override
  public int unfinished() {
    return unfinished;
  }

  @Override
  public int backlog() {
    return backlog.get();
  }

  @Override
  public void close() {
    context.owner().cancelTimer(tickTimer);
    // What the failing webhooks' health gained since the last flush: written before the producer closes.
    CompletableFuture<Void> flushed = new CompletableFuture<>();
    context.runOnContext(v -> {
      failing.flush();
      flushed.complete(null);
    });
    try {
      flushed.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("The failing webhooks' health was not written on close: {}", e.toString());
    }
  }

  // ---- Placing ----

  /**
   * Places the partition's pending records in order. A record held for its app's room lets records of other webhooks
   * behind it pass (those of its own webhook stay behind it); a record not yet due, or one held for the instance's
   * room, holds everything behind it.
   */
  private void place(PartitionQueue pq) {
    if (pq.revoked || stopping) {
      return;
    }
    cancelHold(pq);
    Set<WebhookId> behind = new HashSet<>();
    boolean stopped = false;
    for (int n = pq.pending.size(); n > 0; n--) {
      Inbound r = pq.pending.poll();
      if (stopped) {
        pq.pending.add(r);
      } else if (r instanceof Inbound.Unreadable u) {
        deadLetterUnreadable(pq, u);
      } else {
        Inbound.Readable readable = (Inbound.Readable) r;
        Delivery d = readable.delivery();
        if (behind.contains(d.webhookId())) {
          pq.pending.add(r);
          continue;
        }
        Placement placement = policy.place(arrival(pq.lease.tier(), readable.writtenAt(), d));
        if (placement instanceof Placement.SendNow) {
          admit(pq, r.offset(), d);
        } else if (placement instanceof Placement.HoldUntil hold) {
          pq.pending.add(r);
          holdUntil(pq, hold.at());
          stopped = true;
        } else if (placement instanceof Placement.WaitForWebhook wait) {
          pq.pending.add(r);
          behind.add(d.webhookId());
          holdUntil(pq, wait.at());
        } else if (placement instanceof Placement.HoldForCapacity) {
          pq.pending.add(r);
          AppShare app = apps.get(d.appId());
          if (app != null && app.buffered >= policy.appBufferShare()) {
            app.waiting.add(pq);
            behind.add(d.webhookId());
          } else {
            waitingForInstance.add(pq);
            pq.waitingForInstance = true;
            stopped = true;
          }
        } else {
          concludeWithoutAttempt(pq, r.offset(), d, placement, null);
        }
      }
    }
    boolean held = !pq.pending.isEmpty();
    if (held && !pq.lease.pauseWanted()) {
      metrics.fetchPaused();
    }
    pq.lease.wantPaused(held);
    pump();
    publish();
  }

  private Arrival arrival(Duration tier, Instant writtenAt, Delivery d) {
    Lane lane = lanes.get(d.webhookId());
    AppShare app = apps.get(d.appId());
    long now = ticker.nanos();
    boolean slow = lane != null && lane.slow(now, slowNanos);
    Load load = new Load(lane == null ? 0 : lane.queued(), lane == null ? limits.maxInFlightPerWebhook() : lane.round(),
        slow, slow ? Duration.ofNanos(lane.backlogNanos(now)) : Duration.ZERO, app == null ? 0 : app.buffered,
        app != null && app.slow(now, slowNanos), buffered);
    return new Arrival(d, new Source(tier, writtenAt), webhook(d.webhookId()), load, counts.newest(d), gates.gate(d),
        clock.instant());
  }

  private Situation.Webhook webhook(WebhookId id) {
    return webhook(id, subscriptions.get(id));
  }

  private Situation.Webhook webhook(WebhookId id, Optional<Subscription> found) {
    if (found.isEmpty()) {
      return Situation.Webhook.not(subscriptions.deleted(id) ? Situation.Webhook.Status.DELETED
          : Situation.Webhook.Status.NOT_KNOWN, "");
    }
    Subscription s = found.get();
    if (!s.enabled()) {
      return Situation.Webhook.not(Situation.Webhook.Status.DISABLED, s.disabledReason() == null ? "" : s.disabledReason());
    }
    Optional<Situation.Webhook> stopped = failing.stoppedHere(s);
    if (stopped.isPresent()) {
      return stopped.get();
    }
    return s.options().ordered() ? Situation.Webhook.ACTIVE_ORDERED : Situation.Webhook.ACTIVE;
  }

  /** Places the partition again at {@code at}, or sooner if a timer for sooner is set already. */
  private void holdUntil(PartitionQueue pq, Instant at) {
    if (pq.holdTimer >= 0 && !at.isBefore(pq.holdAt)) {
      return;
    }
    if (pq.holdTimer >= 0) {
      context.owner().cancelTimer(pq.holdTimer);
    }
    long delay = Math.max(1, Duration.between(clock.instant(), at).toMillis());
    pq.holdAt = at;
    pq.holdTimer = context.owner().setTimer(delay, id -> context.runOnContext(v -> {
      pq.holdTimer = -1;
      place(pq);
    }));
  }

  private void cancelHold(PartitionQueue pq) {
    if (pq.holdTimer >= 0) {
      context.owner().cancelTimer(pq.holdTimer);
      pq.holdTimer = -1;
    }
    if (pq.waitingForInstance) {
      waitingForInstance.remove(pq);
      pq.waitingForInstance = false;
    }
  }

  // ---- Lanes and turns ----

  private void admit(PartitionQueue pq, long offset, Delivery d) {
    long now = ticker.nanos();
    Lane lane = lane(d, now);
    lane.add(new Work(pq, offset, d, lane, now));
    if (lane.app.buffered == 0) {
      lane.app.lastProgressNanos = now;
    }
    lane.app.buffered++;
    buffered++;
    markReady(lane, now);
  }

  private Lane lane(Delivery d, long now) {
    Lane lane = lanes.get(d.webhookId());
    if (lane == null) {
      AppShare app = apps.computeIfAbsent(d.appId(), AppShare::new);
      lane = new Lane(d.webhookId(), app, new InFlightLimit(limits.maxInFlightPerWebhook(), limits.maxInFlightPerWebhookCeiling()),
          w -> gates.admits(w.delivery));
      app.lanes++;
      lanes.put(d.webhookId(), lane);
    }
    Lane configured = lane;
    subscriptions.get(d.webhookId()).ifPresent(s -> configured.configure(s.options(), now));
    return lane;
  }

  /** Puts the lane (and its app) in turn if it can start something now; else looks at it again when it can. */
  private void markReady(Lane lane, long now) {
    AppShare app = lane.app;
    if (lane.waitingForSlowRoom) {
      // Put in turn again when a slow webhook's attempt ends.
    } else if (!lane.ready && lane.startable(now)) {
      lane.ready = true;
      app.readyLanes.add(lane);
    } else if (!lane.ready) {
      wakeLater(lane, lane.wakeAtNanos(now), now);
    }
    if (!app.ready && !app.readyLanes.isEmpty() && app.inFlight < limits.maxInFlightPerApp()) {
      app.ready = true;
      readyApps.add(app);
    }
    if (!lane.inRetryLine && lane.nextIsRetry() && mayStart(lane, lane.slow(now, slowNanos), now)) {
      lane.inRetryLine = true;
      retryLine.add(lane);
    }
  }

  /** Every limit lets the lane start an attempt now: its own, its app's, and the slow share if it is {@code slow}. */
  private boolean mayStart(Lane lane, boolean slow, long now) {
    return !lane.waitingForSlowRoom && lane.app.inFlight < limits.maxInFlightPerApp() && lane.startable(now)
        && (!slow || slowRoom());
  }

  private boolean slowRoom() {
    return slowInFlight < limits.maxInFlightSlow();
  }

  /** A timer for a lane that waits for its rate limit or an in-place retry. */
  private void wakeLater(Lane lane, long atNanos, long now) {
    if (atNanos == Long.MAX_VALUE || lane.wakeScheduled) {
      return;
    }
    lane.wakeScheduled = true;
    long delayMillis = Math.max(1, (atNanos - now + 999_999) / 1_000_000);
    context.owner().setTimer(delayMillis, id -> context.runOnContext(v -> {
      lane.wakeScheduled = false;
      markReady(lane, ticker.nanos());
      pump();
    }));
  }

  /**
   * Starts attempts while the instance has room. Turns alternate: a lane whose next delivery is a due retry (they are
   * few, and late already), then the next app in round robin, one attempt per app per turn, so a busy app cannot crowd
   * out the others; retries pass fresh work across the instance, not only within their lane. A slow webhook starts
   * one only while the slow ones together are under their share of the slots: an endpoint that takes seconds holds a
   * slot for seconds, and those slots are the healthy webhooks' latency.
   */
  private void pump() {
    while (!stopping && inFlight < limits.maxInFlight() && (!readyApps.isEmpty() || !retryLine.isEmpty())) {
      if (!retryLine.isEmpty() && (retryTurn || readyApps.isEmpty())) {
        Lane lane = retryLine.poll();
        lane.inRetryLine = false;
        long now = ticker.nanos();
        boolean slow = lane.slow(now, slowNanos);
        if (lane.nextIsRetry() && mayStart(lane, slow, now)) {
          startNext(lane, slow, now);
          markReady(lane, now); // in line again if another retry follows
        }
      } else {
        AppShare app = readyApps.poll();
        app.ready = false;
        Lane lane = app.readyLanes.poll();
        if (lane != null) {
          lane.ready = false;
          long now = ticker.nanos();
          boolean slow = lane.slow(now, slowNanos);
          if (slow && !slowRoom()) {
            lane.waitingForSlowRoom = true;
            waitingForSlowRoom.add(lane);
          } else if (mayStart(lane, slow, now)) {
            startNext(lane, slow, now);
          }
          markReady(lane, now);
        }
      }
      retryTurn = !retryTurn;
    }
  }

  private void startNext(Lane lane, boolean slow, long now) {
    Work work = lane.start(now);
    work.countedSlow = slow;
    slowInFlight += slow ? 1 : 0;
    start(work, now);
  }

  /** A slow webhook's attempt ended (or never began): the slow lanes in line may try for the room again. */
  private void slowRoomFreed(Work work, long now) {
    if (!work.countedSlow) {
      return;
    }
    work.countedSlow = false;
    slowInFlight--;
    releaseSlowWaiters(now);
  }

  /**
   * Puts back in turn the lanes that wait for slow room: all of them while there is room (those that find none park
   * again, in turn order), else those that are no longer slow.
   */
  private void releaseSlowWaiters(long now) {
    boolean room = slowRoom();
    for (int n = waitingForSlowRoom.size(); n > 0; n--) {
      Lane lane = waitingForSlowRoom.poll();
      if (room || !lane.slow(now, slowNanos)) {
        lane.waitingForSlowRoom = false;
        markReady(lane, now);
      } else {
        waitingForSlowRoom.add(lane);
      }
    }
  }

  private void start(Work work, long nowNanos) {
    Delivery d = work.delivery;
    Lane lane = work.lane;
    // Placed again with what is known now: its webhook may have changed, or a newer count arrived, while it waited.
    Instant now = clock.instant();
    Optional<Subscription> subscription = subscriptions.get(d.webhookId());
    // It was admitted, so its webhook was known: the moment it was written no longer matters (EPOCH: no waiting for the
    // view), and its due time was met (the deliveries topic: no time rules).
    Placement p = policy.place(new Arrival(d, Source.deliveries(Instant.EPOCH), webhook(d.webhookId(), subscription),
        Load.IDLE, counts.newest(d), gates.gate(d), now));
    if (!(p instanceof Placement.SendNow)) {
      lane.attemptEnded(work, nowNanos);
      slowRoomFreed(work, nowNanos);
      lane.finished(work, nowNanos);
      concludeWithoutAttempt(work.source, work.offset, d, p, lane.app);
      return;
    }
    if (work.isRetry() && d.dueAt() != null) {
      metrics.retryLateness(Duration.between(d.dueAt(), now));
    }
    AppShare app = lane.app;
    if (app.inFlight == 0) {
      app.lastProgressNanos = nowNanos;
    }
    app.inFlight++;
    inFlight++;
    attempts.run(d, subscription.orElseThrow(), ended -> ended(work, ended));
  }

  private void ended(Work work, DeliveryAttempt.Ended ended) {
    long nowNanos = ticker.nanos();
    Lane lane = work.lane;
    lane.answered(work, ended.outcome() instanceof Outcome.Temporary, nowNanos);
    slowRoomFreed(work, nowNanos);
    lane.app.inFlight--;
    lane.app.lastProgressNanos = nowNanos;
    inFlight--;
    Delivery d = work.delivery;
    Instant now = clock.instant();
    Placement next = policy.place(new Situation.AttemptEnded(d, ended.outcome(), counts.newest(d), now));
    ended.span().placed(next); // tracing: where the delivery goes next ends the attempt's span (a no-op when off)
    observe(d, ended, next, now);
    failing.attempted(d, ended.outcome(), next instanceof Placement.Dead, now);
    writing++;
    List<DeadLetter.HeldBack> heldBack = next instanceof Placement.Dead ? heldBack(lane, work, nowNanos) : List.of();
    Runnable durable = durable(work.source, work.offset, lane.app);
    if (next instanceof Placement.Retry retry && lane.ordered()) {
      // Off to a retry topic: its stream's gate keeps everything after it from overtaking it meanwhile.
      durable = gates.leaves(d, d.sequence(), retry.dueAt(), work.source.lease, nowNanos, durable);
    } else if (!(next instanceof Placement.Retry)) {
      durable = gates.finished(d, nowNanos, durable);
    }
    recorder.attempted(d, ended.attempt(), next, now, heldBack, durable);
    lane.finished(work, nowNanos);
    markReady(lane, nowNanos);
    pump();
    publish();
  }

  /** What waited behind a dead delivery of an ordered webhook, for its dead letter. */
  private static List<DeadLetter.HeldBack> heldBack(Lane lane, Work dead, long nowNanos) {
    List<DeadLetter.HeldBack> held = new ArrayList<>();
    for (Work w : lane.behind(dead)) {
      held.add(new DeadLetter.HeldBack(w.delivery.id(), (nowNanos - w.admittedNanos) / 1_000_000));
    }
    return held;
  }

  /**
   * A delivery that ends without an attempt here (deferred, dead, superseded, or returned to the deliveries topic): at arrival ({@code admittedTo} null), or
   * when its turn came or its lane shed it ({@code admittedTo} is the app whose share it counts in until it is durable).
   */
  private void concludeWithoutAttempt(PartitionQueue pq, long offset, Delivery d, Placement placement, AppShare admittedTo) {
    writing++;
    Runnable durable = durable(pq, offset, admittedTo);
    long nowNanos = ticker.nanos();
    if (placement instanceof Placement.Defer defer) {
      metrics.deferred(defer.reason());
      Lane lane = lanes.get(d.webhookId());
      if (lane != null && defer.reason() == Placement.DeferReason.SLOW_WEBHOOK) {
        lane.parked.parked(nowNanos + defer.tier().toNanos()); // placed just now, due after its topic's delay
      }
      LOG.debug("Deferring {} to {}: {}", d.id(), defer.tier(), defer.reason());
      if (pq.lease.tier() == null && ordered(d)) {
        long oldest = lane == null ? d.sequence() : Math.min(d.sequence(), lane.lowestSequence(d.streamId()));
        durable = gates.leaves(d, oldest, defer.dueAt(), pq.lease, nowNanos, durable);
      }
      recorder.deferred(d, defer, durable);
    } else if (placement instanceof Placement.Dead dead) {
      metrics.dead(dead.reason());
      LOG.debug("Not sending {} to {}: {}", d.id(), d.webhookId(), dead.reason());
      recorder.dead(d, dead, clock.instant(), gates.finished(d, nowNanos, durable));
    } else if (placement instanceof Placement.Superseded) {
      metrics.superseded();
      recorder.superseded(d, gates.finished(d, nowNanos, durable));
    } else if (placement instanceof Placement.Return) {
      recorder.returned(d, durable);
    } else {
      throw new IllegalStateException("not a placement without an attempt: " + placement);
    }
  }

  private boolean ordered(Delivery d) {
    return subscriptions.get(d.webhookId()).map(s -> s.options().ordered()).orElse(false);
  }

  private void deadLetterUnreadable(PartitionQueue pq, Inbound.Unreadable u) {
    metrics.unreadable(pq.lease.partition().topic());
    LOG.error("Unreadable record {}@{} goes to the dead-letter topic with its bytes: {}", pq.lease.partition(), u.offset(),
        u.problem());
    writing++;
    recorder.unreadable(pq.lease, u, durable(pq, u.offset(), null));
  }

  // ---- Durability ----

  /** What runs, on the producer's thread, when a write is acknowledged: the rest happens back on the context. */
  private Runnable durable(PartitionQueue pq, long offset, AppShare app) {
    return () -> context.runOnContext(v -> madeDurable(pq, offset, app));
  }

  /** A write that makes no offset durable (the log of an in-place retry) was acknowledged. */
  private void written() {
    writing--;
    publish();
  }

  private void madeDurable(PartitionQueue pq, long offset, AppShare app) {
    writing--;
    pq.durable(offset);
    if (app != null) {
      app.buffered--;
      buffered--;
      if (!app.waiting.isEmpty() && app.buffered < policy.appBufferShare()) {
        recheckSoon();
      }
    }
    if (!waitingForInstance.isEmpty() && buffered < policy.bufferCap()) {
      recheckSoon();
    }
    publish();
  }

  /** Places held partitions again once room has freed; coalesced, so a burst of completions costs one pass. */
  private void recheckSoon() {
    if (recheckScheduled) {
      return;
    }
    recheckScheduled = true;
    context.runOnContext(v -> {
      recheckScheduled = false;
      Set<PartitionQueue> again = new LinkedHashSet<>(waitingForInstance);
      for (AppShare app : apps.values()) {
        if (!app.waiting.isEmpty() && app.buffered < policy.appBufferShare()) {
          again.addAll(app.waiting);
          app.waiting.clear();
        }
      }
      again.forEach(this::place);
    });
  }

  /** Forgets what came from {@code pq} and has not started: it is not committed, so its next owner delivers it. */
  private void dropWaiting(PartitionQueue pq) {
    cancelHold(pq);
    pq.pending.clear();
    pq.lease.wantPaused(false);
    for (Lane lane : lanes.values()) {
      int dropped = lane.drop(pq);
      lane.app.buffered -= dropped;
      buffered -= dropped;
    }
    for (AppShare app : apps.values()) {
      app.waiting.remove(pq);
    }
  }

  // ---- Upkeep ----

  /** Slow lanes shed what they queued beyond one round (it waits in a retry topic instead); idle lanes are forgotten. */
  private void tick() {
    long now = ticker.nanos();
    int slow = 0;
    for (Iterator<Lane> it = lanes.values().iterator(); it.hasNext(); ) {
      Lane lane = it.next();
      if (lane.idle()) {
        if (lane.idleSinceNanos != 0 && now - lane.idleSinceNanos >= FORGET_IDLE_LANES_AFTER.toNanos()) {
          it.remove();
          lane.app.lanes--;
          if (lane.app.idle()) {
            apps.remove(lane.app.app, lane.app);
          }
        }
        continue;
      }
      if (lane.slow(now, slowNanos)) {
        slow++;
        if (lane.queued() > lane.round()) {
          shed(lane);
        }
      }
    }
    slowSeen = slow;
    releaseSlowWaiters(now);
    counts.forgetOlderThan(clock.instant().minus(LatestCounts.KEPT_FOR));
    if (gates.skipStuck(now, g -> {
      Lane lane = lanes.get(g.webhookId());
      return lane == null ? Long.MAX_VALUE : lane.lowestSequence(g.stream());
    })) {
      lanes.values().forEach(lane -> markReady(lane, now));
      pump();
    }
    if (now - lastFlushNanos >= FailingWebhooks.FLUSH_EVERY.toNanos()) {
      lastFlushNanos = now;
      failing.flush();
    }
    publish();
  }

  private void shed(Lane lane) {
    // Oldest first: each one parked counts as ahead of the next, so the oldest come back soonest.
    for (Work w : lane.shed(lane.round())) {
      // Same question, asked of the policy with the lane as it is: it answers with a deferral.
      Placement p = policy.place(arrival(w.source.lease.tier(), clock.instant(), w.delivery));
      if (!(p instanceof Placement.Defer || p instanceof Placement.Dead || p instanceof Placement.Superseded)) {
        lane.add(w); // not for shedding after all: keeps its place
      } else {
        concludeWithoutAttempt(w.source, w.offset, w.delivery, p, lane.app);
      }
    }
  }

  private void observe(Delivery d, DeliveryAttempt.Ended ended, Placement next, Instant now) {
    Outcome outcome = ended.outcome();
    metrics.attempt(d.event(), outcome);
    metrics.httpDuration(outcome.result(), ended.result().latency());
    if (outcome instanceof Outcome.Delivered) {
      metrics.endToEnd(d.event(), Duration.between(d.eventTime(), now));
    }
    if (next instanceof Placement.Retry retry) {
      metrics.retry(retry.tier());
    } else if (next instanceof Placement.Dead dead) {
      metrics.dead(dead.reason());
    }
    if (LOG.isDebugEnabled()) {
      MDC.put("delivery_id", d.id().value());
      MDC.put("webhook_id", d.webhookId().value());
      LOG.debug("Attempt {} of {}: {} -> {}", d.nextAttemptNumber(), d.id(), outcome.code(), next);
      MDC.clear();
    }
  }

  private void publish() {
    bufferedSeen = buffered;
    inFlightSeen = inFlight;
    unfinished = inFlight + writing;
  }
}
