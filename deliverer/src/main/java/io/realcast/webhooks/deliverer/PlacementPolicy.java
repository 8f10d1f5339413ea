package io.realcast.webhooks.deliverer;

import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.deliverer.Placement.DeferReason;
import io.realcast.webhooks.deliverer.Situation.Arrival;
import io.realcast.webhooks.deliverer.Situation.AttemptEnded;
import io.realcast.webhooks.event.WebhookEventType;
import java.time.Duration;
import java.time.Instant;

/**
 * The one place that decides where a delivery goes (see docs/DELIVERY.md, "Placement"). Pure: the caller measures,
 * this function compares. In order:
 * <ol>
 *   <li>after an attempt: delivered; retried through the tier the schedule names; superseded, if a newer viewer count
 *       exists; or dead;
 *   <li>a delivery of an ordered webhook's stream (it has a sequence number) read from a retry topic: when due, back
 *       to the deliveries topic, so that only the owner of its webhook's partition decides its stream;
 *   <li>a webhook that is deleted, disabled or gone: dead without an attempt (a disabled one's record just written
 *       waits a moment for the view first); one this instance does not know yet: a record just written waits a moment
 *       for the view (in order with the rest of its webhook), then is deferred, for a
 *       grace period after the delivery was created;
 *   <li>a viewer count older than the newest one seen for its webhook and stream: superseded;
 *   <li>a delivery of an ordered stream whose gate waits for an earlier one: into its lane if it is within a round of
 *       the one awaited and the lane and the app have room (it starts in its turn), else deferred (to the longest retry
 *       topic that brings it back no later than the awaited one is due again, when its gate knows);
 *   <li>a retry that is not due: its partition holds until it is, but never longer than its topic's delay (then it is
 *       parked again in the right topic);
 *   <li>a slow webhook whose lane already holds a round of work, or a slow app at its share: deferred, so that a bad
 *       endpoint never fills the buffer (for an ordered webhook too: its stream's gate keeps what comes later from
 *       overtaking it); a slow webhook's overflow for about as long as its webhook needs for what is ahead of it;
 *   <li>an app at its share, or a full instance, that drains: its partition holds (retries pass, up to twice the cap);
 *   <li>otherwise: sent.
 * </ol>
 *
 * @param appBufferShare deliveries one app may hold on this instance
 * @param bufferCap deliveries the instance holds before fresh ones wait
 * @param unknownWebhookGrace how long after its creation a delivery for an unknown webhook waits for the view
 */
public record PlacementPolicy(RetryPolicy retries, int appBufferShare, int bufferCap, Duration unknownWebhookGrace) {
  /** How long after it was written a record for an unknown webhook waits in memory for the view, before deferring. */
  static final Duration VIEW_CATCH_UP = Duration.ofSeconds(2);
  /** How often such a record looks again. */
  static final Duration VIEW_RECHECK = Duration.ofMillis(50);
  /** Kafka record times are in milliseconds. */
  static final Duration RECORD_TIME_PRECISION = Duration.ofMillis(1);

  public Placement place(Situation situation) {
    if (situation instanceof AttemptEnded ended) {
      return afterAttempt(ended);
    }
    Arrival a = (Arrival) situation;
    if (a.source().isRetryTopic() && inOrder(a)) {
      Placement time = byTime(a);
      return time != null ? time : new Placement.Return();
    }
    Placement webhook = byWebhook(a);
    if (webhook != null) {
      return webhook;
    }
    if (superseded(a)) {
      return new Placement.Superseded();
    }
    Placement time = byTime(a);
    if (time != null) {
      return time;
    }
    Placement gate = byGate(a);
    if (gate != null) {
      return gate;
    }
    return byRoom(a);
  }

  /** A delivery its webhook wants in order within its stream, numbered by the router (older records have no number). */
  private static boolean inOrder(Arrival a) {
    return a.webhook().ordered() && a.delivery().sequence() > 0;
  }

  private Placement byGate(Arrival a) {
    StreamGate gate = a.gate();
    if (gate == null || !inOrder(a)) {
      return null;
    }
    if (a.delivery().sequence() == gate.next()) {
      // What its stream waits for: never held for room that the stream's own waiting deliveries may be taking.
      return new Placement.SendNow();
    }
    if (gate.admits(a.delivery())) {
      return null;
    }
    // It waits in its lane only if it will run soon: within a round of the next one, while the lane and the app have
    // room. Anything further waits in a retry topic, so the places go to those the stream needs first.
    Situation.Load load = a.load();
    boolean soon = a.delivery().sequence() - gate.next() < load.laneRound();
    boolean room = load.laneQueued() < load.laneRound() && load.appBuffered() < appBufferShare;
    return soon && room ? null : deferBehind(a, gate);
  }

  /**
   * Parks a later delivery of a gated stream in the longest retry topic that brings it back no later than the awaited
   * one is due again, rather than every second meanwhile. It is due after that topic's own delay, never later: a record
   * due later than its topic's delay would hold that topic's partition, and every retry behind it, while it waits.
   */
  private Placement deferBehind(Arrival a, StreamGate gate) {
    Instant due = gate.nextDue();
    if (due == null || !due.isAfter(a.now())) {
      return defer(a, DeferReason.ORDERED_WAIT);
    }
    Duration tier = retries.parkingTier(Duration.between(a.now(), due));
    return new Placement.Defer(tier, a.now().plus(tier), DeferReason.ORDERED_WAIT);
  }

  private Placement afterAttempt(AttemptEnded e) {
    Delivery d = e.delivery();
    int attempt = d.nextAttemptNumber();
    Outcome outcome = e.outcome();
    if (outcome instanceof Outcome.Delivered) {
      return new Placement.Delivered();
    }
    if (outcome instanceof Outcome.Temporary t) {
      return retries.schedule().delayAfter(attempt)
          .<Placement>map(delay -> {
            if (superseded(e)) {
              return new Placement.Superseded();
            }
            Instant due = e.now().plus(retries.wait(delay, t));
            return new Placement.Retry(retries.parkingTier(Duration.between(e.now(), due)), due);
          })
          .orElseGet(() -> new Placement.Dead(DeadReason.RETRIES_EXHAUSTED, "attempt " + attempt + ": " + describe(t)));
    }
    if (outcome instanceof Outcome.Gone) {
      return new Placement.Dead(DeadReason.GONE, "the endpoint answered 410 Gone");
    }
    if (outcome instanceof Outcome.Refused r) {
      return new Placement.Dead(DeadReason.TARGET_REFUSED, r.error());
    }
    return new Placement.Dead(DeadReason.PERMANENT_FAILURE, describe(outcome));
  }

  private Placement byWebhook(Arrival a) {
    Situation.Webhook w = a.webhook();
    return switch (w.status()) {
      case ACTIVE -> null;
      case DELETED -> new Placement.Dead(DeadReason.WEBHOOK_DELETED, "the webhook was deleted");
      case DISABLED -> {
        // Just written: most likely queued by an owner who enabled it again a moment ago (recovering its dead letters).
        Placement wait = waitForView(a);
        yield wait != null ? wait : new Placement.Dead(DeadReason.WEBHOOK_DISABLED,
            w.detail().isEmpty() ? "the webhook is disabled" : "the webhook is disabled: " + w.detail());
      }
      case GONE -> new Placement.Dead(DeadReason.GONE, "the endpoint answered 410 Gone to an earlier delivery");
      case NOT_KNOWN -> {
        Placement wait = waitForView(a);
        if (wait != null) {
          yield wait;
        }
        boolean young = Duration.between(a.delivery().createdAt(), a.now()).compareTo(unknownWebhookGrace) < 0;
        yield young && !retries.schedule().delays().isEmpty()
            ? defer(a, DeferReason.WEBHOOK_NOT_KNOWN_YET)
            : new Placement.Dead(DeadReason.WEBHOOK_DELETED, "the webhook does not exist (deleted, or never created)");
      }
    };
  }

  /** A record written less than {@link #VIEW_CATCH_UP} ago waits for this instance's view of the webhooks to catch up. */
  private static Placement waitForView(Arrival a) {
    Instant caughtUp = a.source().writtenAt().plus(VIEW_CATCH_UP);
    if (!caughtUp.isAfter(a.now())) {
      return null;
    }
    Instant again = a.now().plus(VIEW_RECHECK);
    return new Placement.WaitForWebhook(again.isBefore(caughtUp) ? again : caughtUp);
  }

  /** Latest wins: a viewer count is not sent (again) once a newer one of its webhook and stream exists. */
  private static boolean superseded(Situation s) {
    Delivery d = s.delivery();
    return d.event() == WebhookEventType.VIEWER_COUNT_UPDATE && s.newestCount() != null
        && s.newestCount().isAfter(d.eventTime());
  }

  private Placement byTime(Arrival a) {
    Instant due = a.delivery().dueAt();
    if (!a.source().isRetryTopic() || due == null || !due.isAfter(a.now())) {
      return null;
    }
    // Records behind this one in its topic were written later with the same delay, so they are due no sooner than
    // it was written + the delay: holding the partition until then delays none of them. A record's time is cut to the
    // millisecond, so it may read up to 1 ms before the due time was set: without that millisecond, a retry due a
    // fraction of one after the bound would be parked again behind a whole topic's delay of others.
    Instant bound = a.source().writtenAt().plus(a.source().tier()).plus(RECORD_TIME_PRECISION);
    Instant until = due.isBefore(bound) ? due : bound;
    if (until.isAfter(a.now())) {
      return new Placement.HoldUntil(until);
    }
    return new Placement.Defer(retries.parkingTier(Duration.between(a.now(), due)), due, DeferReason.LONG_WAIT);
  }

  private Placement byRoom(Arrival a) {
    Situation.Load load = a.load();
    // Without retry topics (an empty schedule) nothing can be parked: a slow webhook's or app's overflow waits in
    // memory, bounded by its app's share and the instance's cap like any other.
    boolean canPark = !retries.schedule().delays().isEmpty();
    if (canPark && load.laneSlow() && load.laneQueued() >= load.laneRound()) {
      return parkBehindSlowLane(a, load.laneWait());
    }
    boolean retry = !a.delivery().attempts().isEmpty();
    if (load.appBuffered() >= appBufferShare) {
      if (canPark && load.appSlow()) {
        return defer(a, DeferReason.SLOW_APP);
      }
      if (!retry) {
        return new Placement.HoldForCapacity();
      }
    }
    // Due retries pass a full instance (they are few and late already), up to a hard bound.
    int cap = retry ? 2 * bufferCap : bufferCap;
    return load.instanceBuffered() >= cap ? new Placement.HoldForCapacity() : new Placement.SendNow();
  }

  /**
   * Parks the overflow of a slow webhook in the longest retry topic that brings it back no later than its webhook, at
   * its pace, gets through what is ahead of it: a webhook that takes 2 s per attempt with hundreds waiting would
   * otherwise have each of them written and read again every second, then every 5, before the 25 s topic, at the
   * cost of every other tenant on the instance. Never sooner than the plain deferral (the next longer topic from a
   * retry topic), which is what it did before the lane knew its pace.
   */
  private Placement parkBehindSlowLane(Arrival a, Duration laneWait) {
    Duration next = retries.deferral(a.source().tier());
    Duration paced = retries.parkingTier(laneWait);
    Duration tier = paced.compareTo(next) > 0 ? paced : next;
    return new Placement.Defer(tier, a.now().plus(tier), DeferReason.SLOW_WEBHOOK);
  }

  /** The shortest delay from the deliveries topic; the next longer one from a retry topic, so a bad lane is re-read less often. */
  private Placement defer(Arrival a, DeferReason reason) {
    Duration tier = retries.deferral(a.source().tier());
    return new Placement.Defer(tier, a.now().plus(tier), reason);
  }

  private static String describe(Outcome o) {
    return o.status() > 0 ? "HTTP " + o.status() : o.error();
  }
}
