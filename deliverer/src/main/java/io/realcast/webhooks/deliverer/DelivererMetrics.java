package io.realcast.webhooks.deliverer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.realcast.webhooks.deliverer.Placement.DeferReason;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.event.WebhookDisabledPayload;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.metrics.MetricDef;
import io.realcast.webhooks.metrics.MetricDef.Kind;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The deliverer's metric catalog (docs/METRICS.md): the only place its meters are named. Meters are looked up once per tag
 * value and kept: building one per call was a visible share of the deliverer's CPU.
 */
public final class DelivererMetrics {
  public static final MetricDef ATTEMPTS = new MetricDef("realcast.delivery.attempts", Kind.COUNTER, "",
      List.of("event", "outcome"), "HTTP attempts by event type and outcome (2xx, 4xx, 5xx, 408, 410, 429, timeout, ...)");
  public static final MetricDef END_TO_END = new MetricDef("realcast.delivery.latency", Kind.TIMER, "seconds",
      List.of("event"), "End-to-end delivery latency, event time to the 2xx response");
  public static final MetricDef RETRY_LATENESS = new MetricDef("realcast.delivery.retry.lateness", Kind.TIMER, "seconds",
      List.of(), "How long after it was due a retry's attempt started: waiting for its turn, its slot and its record");
  public static final MetricDef HTTP_DURATION = new MetricDef("realcast.http.attempt.duration", Kind.TIMER, "seconds",
      List.of("result"), "Duration of one HTTP attempt, by result (delivered, temporary, permanent, gone)");
  public static final MetricDef IN_FLIGHT = new MetricDef("realcast.deliveries.in.flight", Kind.GAUGE, "",
      List.of(), "HTTP requests in flight on this instance");
  public static final MetricDef BUFFERED = new MetricDef("realcast.deliveries.buffered", Kind.GAUGE, "",
      List.of(), "Deliveries admitted to lanes on this instance: waiting, in flight or being recorded");
  public static final MetricDef SLOW_WEBHOOKS = new MetricDef("realcast.deliverer.slow.webhooks", Kind.GAUGE, "",
      List.of(), "Webhooks whose attempts take longer than the slow threshold: what they do not start waits in a retry topic");
  public static final MetricDef STUCK_WRITES = new MetricDef("realcast.deliverer.writes.stuck", Kind.GAUGE, "",
      List.of(), "Outcome writes failing with an error no retry can fix (not authorized, too large): the deliverer is unhealthy");
  public static final MetricDef RETRIES = new MetricDef("realcast.delivery.retries", Kind.COUNTER, "",
      List.of("tier"), "Deliveries scheduled for another attempt, by retry topic (1s, 5s, 25s)");
  public static final MetricDef DEAD = new MetricDef("realcast.deliveries.dead", Kind.COUNTER, "",
      List.of("reason"), "Deliveries moved to the dead-letter topic, by reason");
  public static final MetricDef DEFERRED = new MetricDef("realcast.deliveries.deferred", Kind.COUNTER, "",
      List.of("reason"), "Deliveries handed to a retry topic without an attempt, by reason (slow_webhook, slow_app, "
          + "webhook_not_known_yet, long_wait, ordered_wait)");
  public static final MetricDef SUPERSEDED = new MetricDef("realcast.deliveries.superseded", Kind.COUNTER, "",
      List.of(), "viewer.count.update deliveries not sent (again) because a newer count of the same webhook and stream exists");
  public static final MetricDef FETCH_PAUSES = new MetricDef("realcast.deliverer.fetch.pauses", Kind.COUNTER, "",
      List.of(), "Times a partition stopped being read because its next delivery must wait (not due, or no room)");
  public static final MetricDef DISABLED = new MetricDef("realcast.subscriptions.disabled", Kind.COUNTER, "",
      List.of("reason"), "Webhooks this instance disabled, by reason (gone: answered 410; failing: every attempt failed "
          + "for the configured time)");
  public static final MetricDef FAILING = new MetricDef("realcast.deliverer.failing.webhooks", Kind.GAUGE, "",
      List.of(), "Webhooks whose every attempt has failed since their last success (as this instance knows them)");
  public static final MetricDef OPEN_GATES = new MetricDef("realcast.deliverer.gates.open", Kind.GAUGE, "",
      List.of(), "Ordered streams whose later deliveries wait for an earlier one (a retry, or room) on this instance");
  public static final MetricDef GATES_SKIPPED = new MetricDef("realcast.deliverer.gates.skipped", Kind.COUNTER, "",
      List.of(), "Ordered streams that waited 10 minutes for a delivery that never came and moved on without it");
  public static final MetricDef UNREADABLE = new MetricDef("realcast.deliverer.records.unreadable", Kind.COUNTER, "",
      List.of("topic"), "Records that could not be decoded; they go to the dead-letter topic with their bytes");

  public static List<MetricDef> catalog() {
    return List.of(ATTEMPTS, END_TO_END, RETRY_LATENESS, HTTP_DURATION, IN_FLIGHT, BUFFERED, SLOW_WEBHOOKS, STUCK_WRITES, RETRIES, DEAD,
        DEFERRED, SUPERSEDED, FETCH_PAUSES, DISABLED, FAILING, OPEN_GATES, GATES_SKIPPED,
        UNREADABLE);
  }

  private final MeterRegistry registry;
  private final Map<WebhookEventType, Map<String, Counter>> attempts = new EnumMap<>(WebhookEventType.class);
  private final Map<WebhookEventType, Timer> endToEnd = new EnumMap<>(WebhookEventType.class);
  private final Map<AttemptResult, Timer> httpDuration = new EnumMap<>(AttemptResult.class);
  private final Map<Duration, Counter> retries = new ConcurrentHashMap<>();
  private final Map<DeadReason, Counter> dead = new EnumMap<>(DeadReason.class);
  private final Map<DeferReason, Counter> deferred = new EnumMap<>(DeferReason.class);
  private final Map<WebhookDisabledPayload.Reason, Counter> disabled = new EnumMap<>(WebhookDisabledPayload.Reason.class);
  private final Map<String, Counter> unreadable = new ConcurrentHashMap<>();
  private final Timer retryLateness;
  private final Counter fetchPauses;
  private final Counter superseded;
  private final Counter gatesSkipped;

  public DelivererMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (WebhookEventType e : WebhookEventType.values()) {
      attempts.put(e, new ConcurrentHashMap<>());
      endToEnd.put(e, Timer.builder(END_TO_END.name()).description(END_TO_END.help()).tags(END_TO_END.tags().get(0), e.wireName())
          .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofMinutes(10))
          .register(registry));
    }
    for (AttemptResult r : AttemptResult.values()) {
      httpDuration.put(r, Timer.builder(HTTP_DURATION.name()).description(HTTP_DURATION.help())
          .tags(HTTP_DURATION.tags().get(0), r.code()).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofSeconds(30)).register(registry));
    }
    for (DeadReason r : DeadReason.values()) {
      dead.put(r, counter(DEAD, r.code()));
    }
    for (DeferReason r : DeferReason.values()) {
      deferred.put(r, counter(DEFERRED, r.code()));
    }
    // Registered at 0, so that the first disable shows as an increase (an alert watches it).
    for (WebhookDisabledPayload.Reason r : WebhookDisabledPayload.Reason.values()) {
      disabled.put(r, counter(DISABLED, r.code()));
    }
    retryLateness = Timer.builder(RETRY_LATENESS.name()).description(RETRY_LATENESS.help()).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5)).register(registry);
    fetchPauses = counter(FETCH_PAUSES);
    superseded = counter(SUPERSEDED);
    gatesSkipped = counter(GATES_SKIPPED);
  }

  public void attempt(WebhookEventType event, Outcome outcome) {
    attempts.get(event).computeIfAbsent(outcome.code(), code -> counter(ATTEMPTS, event.wireName(), code)).increment();
  }

  public void endToEnd(WebhookEventType event, Duration latency) {
    endToEnd.get(event).record(latency.isNegative() ? Duration.ZERO : latency);
  }

  public void retryLateness(Duration lateness) {
    retryLateness.record(lateness.isNegative() ? Duration.ZERO : lateness);
  }

  public void httpDuration(AttemptResult result, Duration duration) {
    httpDuration.get(result).record(duration);
  }

  public void retry(Duration tier) {
    retries.computeIfAbsent(tier, t -> counter(RETRIES, RetrySchedule.label(t))).increment();
  }

  public void dead(DeadReason reason) {
    dead.get(reason).increment();
  }

  public void deferred(DeferReason reason) {
    deferred.get(reason).increment();
  }

  public void superseded() {
    superseded.increment();
  }

  public void fetchPaused() {
    fetchPauses.increment();
  }

  public void disabled(WebhookDisabledPayload.Reason reason) {
    disabled.get(reason).increment();
  }

  public void openGates(Supplier<Number> open) {
    gauge(OPEN_GATES, open);
  }

  public void gateSkipped() {
    gatesSkipped.increment();
  }

  public void failingWebhooks(Supplier<Number> failing) {
    gauge(FAILING, failing);
  }

  public void unreadable(String topic) {
    unreadable.computeIfAbsent(topic, t -> counter(UNREADABLE, t)).increment();
  }

  public void gauges(Supplier<Number> inFlight, Supplier<Number> buffered, Supplier<Number> slowWebhooks) {
    gauge(IN_FLIGHT, inFlight);
    gauge(BUFFERED, buffered);
    gauge(SLOW_WEBHOOKS, slowWebhooks);
  }

  public void stuckWrites(Supplier<Number> stuck) {
    gauge(STUCK_WRITES, stuck);
  }

  private void gauge(MetricDef def, Supplier<Number> value) {
    Gauge.builder(def.name(), value).description(def.help()).register(registry);
  }

  private Counter counter(MetricDef def, String... tagValues) {
    Counter.Builder b = Counter.builder(def.name()).description(def.help());
    for (int i = 0; i < tagValues.length; i++) {
      b.tag(def.tags().get(i), tagValues[i]);
    }
    return b.register(registry);
  }
}
