package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.deliverer.Placement.DeferReason;
import io.realcast.webhooks.deliverer.Situation.Arrival;
import io.realcast.webhooks.deliverer.Situation.AttemptEnded;
import io.realcast.webhooks.deliverer.Situation.Load;
import io.realcast.webhooks.deliverer.Situation.Source;
import io.realcast.webhooks.deliverer.Situation.Webhook;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.topic.RetrySchedule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The placement rules as a table: one row per rule and per edge of it. */
class PlacementPolicyTest {
  private static final Instant NOW = Instant.parse("2024-12-09T10:05:00Z");
  private static final Duration S1 = Duration.ofSeconds(1);
  private static final Duration S5 = Duration.ofSeconds(5);
  private static final Duration S25 = Duration.ofSeconds(25);
  /** 100 per app, 1000 per instance, 5 minutes for unknown webhooks; lanes here have rounds of 16. */
  private static final PlacementPolicy POLICY = new PlacementPolicy(new RetryPolicy(RetrySchedule.DEFAULT, Duration.ofMinutes(5)),
      100, 1000, Duration.ofMinutes(5));

  private static final Delivery FRESH = Delivery.first(WebhookId.of("wh_1"), AppId.of("app_1"), WebhookEventType.STREAM_LIVE,
      EventId.of("evt_1"), NOW.minusSeconds(1), NOW.minusMillis(500), "{}".getBytes(StandardCharsets.UTF_8));
  private static final Source MAIN = Source.deliveries(NOW.minusMillis(400));

  private static Delivery afterAttempts(int n, Instant dueAt) {
    Delivery d = FRESH;
    for (int i = 1; i <= n; i++) {
      d = d.after(new Attempt(i, NOW.minusSeconds(30), 5, 503, null, AttemptResult.TEMPORARY), i == n ? dueAt : null);
    }
    return d;
  }

  private static Arrival arrival(Delivery d, Source source, Webhook webhook, Load load) {
    return new Arrival(d, source, webhook, load, null, null, NOW);
  }

  /** The {@code sequence}th delivery of stream_1 of an ordered webhook, read from {@code source}, the stream gated or not. */
  private static Arrival ordered(long sequence, Source source, StreamGate gate, Load load) {
    Delivery d = Delivery.first(FRESH.webhookId(), FRESH.appId(), WebhookEventType.CHAT_MESSAGE_NEW, EventId.of("evt_o" + sequence),
        NOW.minusSeconds(1), NOW.minusMillis(500), FRESH.body(), "stream_1", sequence);
    return new Arrival(d, source, Webhook.ACTIVE_ORDERED, load, null, gate, NOW);
  }

  private static StreamGate gateAt(long next, long seen) {
    return new StreamGate(FRESH.webhookId(), "stream_1", next, seen);
  }

  private static Arrival count(Instant computedAt, Instant newest, Webhook webhook) {
    Delivery d = Delivery.first(FRESH.webhookId(), FRESH.appId(), WebhookEventType.VIEWER_COUNT_UPDATE, EventId.of("evt_c"),
        computedAt, computedAt, FRESH.body(), "stream_1", 0);
    return new Arrival(d, MAIN, webhook, Load.IDLE, newest, null, NOW);
  }

  private static Arrival fresh(Load load) {
    return arrival(FRESH, MAIN, Webhook.ACTIVE, load);
  }

  private static Arrival dueRetry(Load load) {
    return arrival(afterAttempts(1, NOW.minusMillis(10)), new Source(S1, NOW.minusMillis(1010)), Webhook.ACTIVE, load);
  }

  private static Load load(int laneQueued, boolean laneSlow, int appBuffered, boolean appSlow, int instanceBuffered) {
    return new Load(laneQueued, 16, laneSlow, Duration.ZERO, appBuffered, appSlow, instanceBuffered);
  }

  /** A slow lane with a round queued that needs {@code wait} for what is ahead of the next one. */
  private static Load slowLane(Duration wait) {
    return new Load(16, 16, true, wait, 20, false, 20);
  }

  private static AttemptEnded ended(int attempt, Outcome outcome) {
    return new AttemptEnded(afterAttempts(attempt - 1, null), outcome, null, NOW);
  }

  private static AttemptEnded countEnded(Instant newest) {
    Delivery d = Delivery.first(FRESH.webhookId(), FRESH.appId(), WebhookEventType.VIEWER_COUNT_UPDATE, EventId.of("evt_c"),
        NOW.minusSeconds(30), NOW.minusSeconds(30), FRESH.body(), "stream_1", 0);
    return new AttemptEnded(d, temporary(null), newest, NOW);
  }

  private static Outcome.Temporary temporary(Duration retryAfter) {
    return new Outcome.Temporary(503, null, Optional.ofNullable(retryAfter));
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // After an attempt
        row("2xx: delivered", ended(1, new Outcome.Delivered(200)), new Placement.Delivered()),
        row("temporary after attempt 1: 1 s topic", ended(1, temporary(null)), new Placement.Retry(S1, NOW.plus(S1))),
        row("temporary after attempt 2: 5 s topic", ended(2, temporary(null)), new Placement.Retry(S5, NOW.plus(S5))),
        row("temporary after attempt 3: 25 s topic", ended(3, temporary(null)), new Placement.Retry(S25, NOW.plus(S25))),
        row("temporary after attempt 4: dead", ended(4, temporary(null)),
            new Placement.Dead(DeadReason.RETRIES_EXHAUSTED, "attempt 4: HTTP 503")),
        row("Retry-After 30 s after attempt 1: due in 30 s, parked in the 25 s topic", ended(1, temporary(Duration.ofSeconds(30))),
            new Placement.Retry(S25, NOW.plusSeconds(30))),
        row("Retry-After 1 h: capped at 5 min", ended(2, temporary(Duration.ofHours(1))),
            new Placement.Retry(S25, NOW.plus(Duration.ofMinutes(5)))),
        row("timeout: retried", ended(1, new Outcome.Temporary(0, "timeout", Optional.empty())), new Placement.Retry(S1, NOW.plus(S1))),
        row("404: dead at once", ended(1, new Outcome.Permanent(404, null)),
            new Placement.Dead(DeadReason.PERMANENT_FAILURE, "HTTP 404")),
        row("410: dead, gone", ended(1, new Outcome.Gone(410)), new Placement.Dead(DeadReason.GONE, "the endpoint answered 410 Gone")),
        row("refused target: dead", ended(1, new Outcome.Refused("a private address")),
            new Placement.Dead(DeadReason.TARGET_REFUSED, "a private address")),
        // The webhook
        row("deleted webhook: dead", arrival(FRESH, MAIN, Webhook.not(Webhook.Status.DELETED, ""), Load.IDLE),
            new Placement.Dead(DeadReason.WEBHOOK_DELETED, "the webhook was deleted")),
        row("disabled webhook: dead with its reason",
            arrival(FRESH, Source.deliveries(NOW.minusSeconds(3)), Webhook.not(Webhook.Status.DISABLED, "gone"), Load.IDLE),
            new Placement.Dead(DeadReason.WEBHOOK_DISABLED, "the webhook is disabled: gone")),
        row("disabled webhook, record just written (re-enabled and recovered a moment ago?): waits for the view",
            arrival(FRESH, MAIN, Webhook.not(Webhook.Status.DISABLED, "gone"), Load.IDLE),
            new Placement.WaitForWebhook(NOW.plusMillis(50))),
        row("gone on this instance: dead", arrival(FRESH, MAIN, Webhook.not(Webhook.Status.GONE, ""), Load.IDLE),
            new Placement.Dead(DeadReason.GONE, "the endpoint answered 410 Gone to an earlier delivery")),
        row("unknown webhook, record just written: waits 50 ms for the view, in order",
            arrival(FRESH, MAIN, Webhook.not(Webhook.Status.NOT_KNOWN, ""), Load.IDLE),
            new Placement.WaitForWebhook(NOW.plusMillis(50))),
        row("unknown webhook, the catch-up window ends sooner than 50 ms: looks again then",
            arrival(FRESH, Source.deliveries(NOW.minusMillis(1980)), Webhook.not(Webhook.Status.NOT_KNOWN, ""), Load.IDLE),
            new Placement.WaitForWebhook(NOW.plusMillis(20))),
        row("unknown webhook, record older than the catch-up window, young delivery: deferred 1 s",
            arrival(FRESH, Source.deliveries(NOW.minusSeconds(2)), Webhook.not(Webhook.Status.NOT_KNOWN, ""), Load.IDLE),
            new Placement.Defer(S1, NOW.plus(S1), DeferReason.WEBHOOK_NOT_KNOWN_YET)),
        row("unknown webhook, deferred before: the next longer topic",
            arrival(FRESH, new Source(S1, NOW.minusSeconds(3)), Webhook.not(Webhook.Status.NOT_KNOWN, ""), Load.IDLE),
            new Placement.Defer(S5, NOW.plus(S5), DeferReason.WEBHOOK_NOT_KNOWN_YET)),
        row("unknown webhook, delivery older than the grace: dead",
            arrival(Delivery.first(FRESH.webhookId(), FRESH.appId(), FRESH.event(), FRESH.eventId(), NOW.minusSeconds(400),
                NOW.minusSeconds(301), FRESH.body()), Source.deliveries(NOW.minusSeconds(3)), Webhook.not(Webhook.Status.NOT_KNOWN, ""),
                Load.IDLE),
            new Placement.Dead(DeadReason.WEBHOOK_DELETED, "the webhook does not exist (deleted, or never created)")),
        row("a deleted webhook beats a full instance", arrival(FRESH, MAIN, Webhook.not(Webhook.Status.DELETED, ""),
            load(0, false, 0, false, 5000)), new Placement.Dead(DeadReason.WEBHOOK_DELETED, "the webhook was deleted")),
        // Time
        row("retry not due: hold until due", arrival(afterAttempts(1, NOW.plusMillis(300)), new Source(S1, NOW.minusMillis(700)),
            Webhook.ACTIVE, Load.IDLE), new Placement.HoldUntil(NOW.plusMillis(300))),
        row("retry due later than its topic allows: hold until written + delay (+ the record time's millisecond)",
            arrival(afterAttempts(1, NOW.plusSeconds(30)), new Source(S5, NOW.minusSeconds(2)), Webhook.ACTIVE, Load.IDLE),
            new Placement.HoldUntil(NOW.plusMillis(3001))),
        row("retry due within the millisecond its record's time was cut to: held until due, not parked again",
            arrival(afterAttempts(1, NOW.plusNanos(400_000)), new Source(S1, NOW.minusSeconds(1)), Webhook.ACTIVE, Load.IDLE),
            new Placement.HoldUntil(NOW.plusNanos(400_000))),
        row("retry past its topic's delay and still not due: parked again in the right topic",
            arrival(afterAttempts(1, NOW.plusSeconds(30)), new Source(S5, NOW.minusSeconds(6)), Webhook.ACTIVE, Load.IDLE),
            new Placement.Defer(S25, NOW.plusSeconds(30), DeferReason.LONG_WAIT)),
        row("due retry: sent", dueRetry(Load.IDLE), new Placement.SendNow()),
        row("due time on the deliveries topic is not a hold", arrival(afterAttempts(1, NOW.plusSeconds(3)), MAIN, Webhook.ACTIVE,
            Load.IDLE), new Placement.SendNow()),
        // Room
        row("idle: sent", fresh(Load.IDLE), new Placement.SendNow()),
        row("slow webhook with a round queued: deferred 1 s", fresh(load(16, true, 20, false, 20)),
            new Placement.Defer(S1, NOW.plus(S1), DeferReason.SLOW_WEBHOOK)),
        row("slow webhook, deferred from the 1 s topic: 5 s", arrival(FRESH, new Source(S1, NOW.minusSeconds(1)), Webhook.ACTIVE,
            load(16, true, 20, false, 20)), new Placement.Defer(S5, NOW.plus(S5), DeferReason.SLOW_WEBHOOK)),
        row("slow webhook, 7 s of work ahead: the 5 s topic straight away", fresh(slowLane(Duration.ofSeconds(7))),
            new Placement.Defer(S5, NOW.plus(S5), DeferReason.SLOW_WEBHOOK)),
        row("slow webhook, 40 s of work ahead: the 25 s topic straight away", fresh(slowLane(Duration.ofSeconds(40))),
            new Placement.Defer(S25, NOW.plus(S25), DeferReason.SLOW_WEBHOOK)),
        row("slow webhook, 4.9 s ahead: the 1 s topic (never past what is ahead)", fresh(slowLane(Duration.ofMillis(4900))),
            new Placement.Defer(S1, NOW.plus(S1), DeferReason.SLOW_WEBHOOK)),
        row("slow webhook, back from the 5 s topic with 2 s ahead: 25 s (never sooner than the next topic)",
            arrival(FRESH, new Source(S5, NOW.minusSeconds(5)), Webhook.ACTIVE, slowLane(Duration.ofSeconds(2))),
            new Placement.Defer(S25, NOW.plus(S25), DeferReason.SLOW_WEBHOOK)),
        row("slow webhook with room for its round: sent", fresh(load(15, true, 20, false, 20)), new Placement.SendNow()),
        row("fast webhook with a long queue: sent", fresh(load(90, false, 90, false, 90)), new Placement.SendNow()),
        row("app at its share, draining: hold", fresh(load(3, false, 100, false, 100)), new Placement.HoldForCapacity()),
        row("app at its share, stalled: deferred", fresh(load(3, false, 100, true, 100)),
            new Placement.Defer(S1, NOW.plus(S1), DeferReason.SLOW_APP)),
        row("app below its share, stalled: sent", fresh(load(3, false, 99, true, 99)), new Placement.SendNow()),
        row("instance full: hold", fresh(load(0, false, 0, false, 1000)), new Placement.HoldForCapacity()),
        row("due retry passes an app at its share", dueRetry(load(3, false, 100, false, 100)), new Placement.SendNow()),
        row("due retry passes a full instance", dueRetry(load(0, false, 0, false, 1999)), new Placement.SendNow()),
        row("due retry holds at twice the cap", dueRetry(load(0, false, 0, false, 2000)), new Placement.HoldForCapacity()),
        row("due retry of a slow webhook with a round queued: deferred 5 s", dueRetry(load(16, true, 20, false, 20)),
            new Placement.Defer(S5, NOW.plus(S5), DeferReason.SLOW_WEBHOOK)),
        // Ordered webhooks: their streams' gates keep the order, so they retry and defer like any other
        row("ordered, read from a retry topic, due: back to the deliveries topic",
            ordered(5, new Source(S1, NOW.minusMillis(1010)), gateAt(5, 9), Load.IDLE), new Placement.Return()),
        row("ordered, read from a retry topic, not due: its partition holds",
            new Arrival(ordered(5, MAIN, null, Load.IDLE).delivery()
                .after(new Attempt(1, NOW.minusMillis(800), 5, 503, null, AttemptResult.TEMPORARY), NOW.plusMillis(300)),
                new Source(S1, NOW.minusMillis(700)), Webhook.ACTIVE_ORDERED, Load.IDLE, null, gateAt(5, 5), NOW),
            new Placement.HoldUntil(NOW.plusMillis(300))),
        row("ordered, from a retry topic, of a disabled webhook: decided there (the owner's gate skips it later)",
            new Arrival(ordered(5, new Source(S1, NOW.minusSeconds(3)), null, Load.IDLE).delivery(),
                new Source(S1, NOW.minusSeconds(3)), Webhook.not(Webhook.Status.DISABLED, ""), Load.IDLE, null, null, NOW),
            new Placement.Dead(DeadReason.WEBHOOK_DISABLED, "the webhook is disabled")),
        row("ordered, the stream's next one: sent", ordered(5, MAIN, gateAt(5, 9), Load.IDLE), new Placement.SendNow()),
        row("ordered, the stream's next one, its app at its share: sent (what the waiting ones wait for)",
            ordered(5, MAIN, gateAt(5, 9), load(16, false, 100, false, 100)), new Placement.SendNow()),
        row("ordered, a repeat of a final one: sent again", ordered(3, MAIN, gateAt(5, 9), Load.IDLE), new Placement.SendNow()),
        row("ordered, no gate: sent", ordered(8, MAIN, null, Load.IDLE), new Placement.SendNow()),
        row("ordered, behind the gate, room in its lane: into the lane (it waits its turn)",
            ordered(7, MAIN, gateAt(5, 9), load(3, false, 20, false, 20)), new Placement.SendNow()),
        row("ordered, behind the gate, a round or more after the one awaited: deferred",
            ordered(21, MAIN, gateAt(5, 30), Load.IDLE), new Placement.Defer(S1, NOW.plus(S1), DeferReason.ORDERED_WAIT)),
        row("ordered, behind the gate, its lane holds a round: deferred",
            ordered(7, MAIN, gateAt(5, 9), load(16, false, 20, false, 20)), new Placement.Defer(S1, NOW.plus(S1), DeferReason.ORDERED_WAIT)),
        row("ordered, behind the gate, its app at its share: deferred",
            ordered(7, MAIN, gateAt(5, 9), load(3, false, 100, false, 100)), new Placement.Defer(S1, NOW.plus(S1), DeferReason.ORDERED_WAIT)),
        row("ordered, behind a gate whose awaited one is due again in 20 s: the 5 s topic, due after its delay",
            ordered(21, MAIN, gateAt(5, 30).dueAgain(5, NOW.plusSeconds(20)), Load.IDLE),
            new Placement.Defer(S5, NOW.plus(S5), DeferReason.ORDERED_WAIT)),
        row("ordered, behind a gate whose awaited one is due again in 25 s: the 25 s topic",
            ordered(21, MAIN, gateAt(5, 30).dueAgain(5, NOW.plusSeconds(25)), Load.IDLE),
            new Placement.Defer(S25, NOW.plus(S25), DeferReason.ORDERED_WAIT)),
        row("ordered, behind a gate whose awaited one was due already (in flight again): the shortest deferral",
            ordered(21, MAIN, gateAt(5, 30).dueAgain(5, NOW.minusSeconds(1)), Load.IDLE),
            new Placement.Defer(S1, NOW.plus(S1), DeferReason.ORDERED_WAIT)),
        row("ordered, slow with a round queued: deferred (its gate opens)",
            ordered(8, MAIN, null, load(16, true, 20, false, 20)), new Placement.Defer(S1, NOW.plus(S1), DeferReason.SLOW_WEBHOOK)),
        row("ordered, app at its share and stalled: deferred, its partition not held",
            ordered(8, MAIN, null, load(3, false, 100, true, 100)), new Placement.Defer(S1, NOW.plus(S1), DeferReason.SLOW_APP)),
        row("ordered, temporary: retried through the retry topic", ended(1, temporary(null)), new Placement.Retry(S1, NOW.plus(S1))),
        // Latest wins for viewer counts
        row("a count older than the newest seen: superseded", count(NOW.minusSeconds(60), NOW.minusSeconds(30), Webhook.ACTIVE),
            new Placement.Superseded()),
        row("the newest count itself: sent", count(NOW.minusSeconds(30), NOW.minusSeconds(30), Webhook.ACTIVE),
            new Placement.SendNow()),
        row("a superseded count of a deleted webhook: dead (the webhook first)",
            count(NOW.minusSeconds(60), NOW.minusSeconds(30), Webhook.not(Webhook.Status.DELETED, "")),
            new Placement.Dead(DeadReason.WEBHOOK_DELETED, "the webhook was deleted")),
        row("a count that failed while a newer one exists: superseded, not retried", countEnded(NOW.minusSeconds(1)),
            new Placement.Superseded()),
        row("a count that failed and is still the newest: retried", countEnded(NOW.minusSeconds(30)),
            new Placement.Retry(S1, NOW.plus(S1))),
        row("a newer count does not supersede other events", new Arrival(FRESH, MAIN, Webhook.ACTIVE, Load.IDLE, NOW, null, NOW),
            new Placement.SendNow()));
  }

  private static Arguments row(String name, Situation situation, Placement expected) {
    return Arguments.of(name, situation, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void shouldPlaceEachDeliveryWhereTheRulesSay(String name, Situation situation, Placement expected) {
    assertThat(POLICY.place(situation)).isEqualTo(expected);
  }

  @Test
  void shouldKeepASlowWebhooksOverflowInMemoryWhenThereAreNoRetryTopicsToParkItIn() {
    PlacementPolicy noRetries = new PlacementPolicy(new RetryPolicy(RetrySchedule.parse(""), Duration.ofMinutes(5)), 100, 1000,
        Duration.ofMinutes(5));

    assertThat(noRetries.place(fresh(slowLane(Duration.ofSeconds(40))))).as("slow lane with a round queued")
        .isEqualTo(new Placement.SendNow());
    assertThat(noRetries.place(fresh(load(3, false, 100, true, 100)))).as("stalled app at its share")
        .isEqualTo(new Placement.HoldForCapacity());
  }
}
