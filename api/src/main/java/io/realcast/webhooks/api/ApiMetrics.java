package io.realcast.webhooks.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.realcast.webhooks.metrics.MetricDef;
import io.realcast.webhooks.metrics.MetricDef.Kind;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Every metric of the api service. Tag values are bounded: route templates, methods, status classes, event types. */
public final class ApiMetrics {
  public static final MetricDef REQUESTS = new MetricDef("realcast.api.requests", Kind.COUNTER, "",
      List.of("route", "method", "status"), "API requests by route template, method and status class (2xx, 4xx, 5xx)");
  public static final MetricDef REQUEST_DURATION = new MetricDef("realcast.api.request.duration", Kind.TIMER, "seconds",
      List.of("route", "method"), "Time to answer an API request");
  public static final MetricDef AUTH_FAILURES = new MetricDef("realcast.api.auth.failures", Kind.COUNTER, "",
      List.of("reason"), "Requests refused before routing: missing or unknown key");
  public static final MetricDef WEBHOOKS = new MetricDef("realcast.api.webhooks", Kind.GAUGE, "",
      List.of("state"), "Webhook subscriptions in the registry, enabled or disabled");
  public static final MetricDef APPS = new MetricDef("realcast.api.apps", Kind.GAUGE, "", List.of(), "Registered apps");
  public static final MetricDef TEST_EVENTS = new MetricDef("realcast.api.test.events", Kind.COUNTER, "",
      List.of("event"), "Test events queued for delivery");
  public static final MetricDef REDELIVERIES = new MetricDef("realcast.api.redeliveries", Kind.COUNTER, "",
      List.of("kind"), "Deliveries queued again by hand: one (redeliver), replay or recover");
  public static final MetricDef QUOTA_REFUSALS = new MetricDef("realcast.api.quota.refusals", Kind.COUNTER, "",
      List.of("quota"), "Requests answered 429 because an app went over a quota (webhooks, test, redeliver, replay)");
  public static final MetricDef HISTORY_RECORDS = new MetricDef("realcast.api.history.records", Kind.COUNTER, "",
      List.of("topic", "result"), "Records the delivery history read, by topic (deliveries, attempts, dead) and result "
          + "(applied, or unreadable: skipped, e.g. a newer writer's record this version cannot decode)");
  public static final MetricDef HISTORY_LAG_DELIVERIES = new MetricDef("realcast.api.history.lag.deliveries", Kind.GAUGE, "",
      List.of(), "Deliveries not final yet (pending or retrying) in the history partitions this instance runs: sum over instances");
  public static final MetricDef HISTORY_LAG_OLDEST = new MetricDef("realcast.api.history.lag.oldest.age", Kind.GAUGE, "seconds",
      List.of(), "Age of the oldest unfinished delivery in the history partitions this instance runs: max over instances");

  private final MeterRegistry registry;

  public ApiMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public static List<MetricDef> catalog() {
    return List.of(REQUESTS, REQUEST_DURATION, AUTH_FAILURES, WEBHOOKS, APPS, TEST_EVENTS, REDELIVERIES, QUOTA_REFUSALS,
        HISTORY_RECORDS, HISTORY_LAG_DELIVERIES, HISTORY_LAG_OLDEST);
  }

  public void request(String route, String method, int status, Duration took) {
    Counter.builder(REQUESTS.name()).description(REQUESTS.help())
        .tags("route", route, "method", method, "status", status / 100 + "xx").register(registry).increment();
    Timer.builder(REQUEST_DURATION.name()).description(REQUEST_DURATION.help())
        .tags("route", route, "method", method).register(registry).record(took);
  }

  public void authFailure(String reason) {
    counter(AUTH_FAILURES, "reason", reason).increment();
  }

  public void testEvent(String event) {
    counter(TEST_EVENTS, "event", event).increment();
  }

  public void redeliveries(String kind, int count) {
    counter(REDELIVERIES, "kind", kind).increment(count);
  }

  public void quotaRefusal(String quota) {
    counter(QUOTA_REFUSALS, "quota", quota).increment();
  }

  public void historyRecord(String topic, String result) {
    counter(HISTORY_RECORDS, "topic", topic, "result", result).increment();
  }

  public void gauges(Supplier<Number> enabledWebhooks, Supplier<Number> disabledWebhooks, Supplier<Number> apps,
      Supplier<Number> lagDeliveries, Supplier<Number> lagOldestSeconds) {
    gauge(WEBHOOKS, enabledWebhooks, "state", "enabled");
    gauge(WEBHOOKS, disabledWebhooks, "state", "disabled");
    gauge(APPS, apps);
    gauge(HISTORY_LAG_DELIVERIES, lagDeliveries);
    gauge(HISTORY_LAG_OLDEST, lagOldestSeconds);
  }

  private void gauge(MetricDef def, Supplier<Number> value, String... tags) {
    Gauge.builder(def.name(), value).description(def.help()).baseUnit(def.unit().isEmpty() ? null : def.unit()).tags(tags)
        .register(registry);
  }

  private Counter counter(MetricDef def, String... tags) {
    return Counter.builder(def.name()).description(def.help()).tags(tags).register(registry);
  }
}
