package io.realcast.webhooks.deliverer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.realcast.webhooks.metrics.MetricDef;
import io.realcast.webhooks.metrics.MetricDef.Kind;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** The deliverer's metric catalog (SPEC §7): the only place its meters are named. */
public final class DelivererMetrics {
  public static final MetricDef ATTEMPTS = new MetricDef("realcast.delivery.attempts", Kind.COUNTER, "",
      List.of("event", "outcome"), "HTTP attempts by event type and outcome (2xx, 4xx, 5xx, 408, 410, 429, timeout, ...)");
  public static final MetricDef END_TO_END = new MetricDef("realcast.delivery.latency", Kind.TIMER, "seconds",
      List.of("event"), "End-to-end delivery latency, event time to the 2xx response");
  public static final MetricDef HTTP_DURATION = new MetricDef("realcast.http.attempt.duration", Kind.TIMER, "seconds",
      List.of("result"), "Duration of one HTTP attempt, by result (delivered, temporary, permanent, gone)");
  public static final MetricDef IN_FLIGHT = new MetricDef("realcast.deliveries.in.flight", Kind.GAUGE, "",
      List.of(), "HTTP requests in flight on this instance");
  public static final MetricDef BUFFERED = new MetricDef("realcast.deliveries.buffered", Kind.GAUGE, "",
      List.of(), "Records held by this instance: queued per webhook, in flight or being recorded");
  public static final MetricDef RETRIES = new MetricDef("realcast.delivery.retries", Kind.COUNTER, "",
      List.of("tier"), "Deliveries scheduled for another attempt, by retry tier (1s, 5s, 25s)");
  public static final MetricDef DEAD = new MetricDef("realcast.deliveries.dead", Kind.COUNTER, "",
      List.of("reason"), "Deliveries moved to the dead-letter topic, by reason");
  public static final MetricDef DEFERRED = new MetricDef("realcast.deliveries.deferred", Kind.COUNTER, "",
      List.of(), "Records handed to the first retry topic without an attempt because their webhook's queue was full");
  public static final MetricDef FETCH_PAUSES = new MetricDef("realcast.deliverer.fetch.pauses", Kind.COUNTER, "",
      List.of(), "Times this instance stopped fetching because its buffer was full (overflow)");
  public static final MetricDef DISABLED = new MetricDef("realcast.subscriptions.disabled", Kind.COUNTER, "",
      List.of("reason"), "Subscriptions this instance stopped sending to (410 Gone)");
  public static final MetricDef UNREADABLE = new MetricDef("realcast.deliverer.records.unreadable", Kind.COUNTER, "",
      List.of("topic"), "Records that could not be decoded and were skipped");

  public static List<MetricDef> catalog() {
    return List.of(ATTEMPTS, END_TO_END, HTTP_DURATION, IN_FLIGHT, BUFFERED, RETRIES, DEAD, DEFERRED, FETCH_PAUSES, DISABLED,
        UNREADABLE);
  }

  private final MeterRegistry registry;

  public DelivererMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void attempt(String event, String outcome) {
    counter(ATTEMPTS, event, outcome).increment();
  }

  public void endToEnd(String event, Duration latency) {
    Timer.builder(END_TO_END.name()).description(END_TO_END.help()).tags(END_TO_END.tags().get(0), event)
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry).record(latency.isNegative() ? Duration.ZERO : latency);
  }

  public void httpDuration(String result, Duration duration) {
    Timer.builder(HTTP_DURATION.name()).description(HTTP_DURATION.help()).tags(HTTP_DURATION.tags().get(0), result)
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry).record(duration);
  }

  public void retry(String tier) {
    counter(RETRIES, tier).increment();
  }

  public void dead(String reason) {
    counter(DEAD, reason).increment();
  }

  public void deferred() {
    counter(DEFERRED).increment();
  }

  public void fetchPaused() {
    counter(FETCH_PAUSES).increment();
  }

  public void disabled(String reason) {
    counter(DISABLED, reason).increment();
  }

  public void unreadable(String topic) {
    counter(UNREADABLE, topic).increment();
  }

  public void gauges(Supplier<Number> inFlight, Supplier<Number> buffered) {
    Gauge.builder(IN_FLIGHT.name(), inFlight).description(IN_FLIGHT.help()).register(registry);
    Gauge.builder(BUFFERED.name(), buffered).description(BUFFERED.help()).register(registry);
  }

  private Counter counter(MetricDef def, String... tagValues) {
    Counter.Builder b = Counter.builder(def.name()).description(def.help());
    for (int i = 0; i < tagValues.length; i++) {
      b.tag(def.tags().get(i), tagValues[i]);
    }
    return b.register(registry);
  }

}
