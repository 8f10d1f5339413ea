package io.realcast.webhooks.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.realcast.webhooks.event.InvalidReason;
import io.realcast.webhooks.event.RawEventType;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.metrics.MetricDef.Kind;
import io.realcast.webhooks.metrics.MetricDef;
import io.realcast.webhooks.router.state.IgnoredReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The router's metric catalog, and its meters. Counters are created up front for every tag value (all
 * bounded enums) so the hot path only increments and Prometheus shows zeros instead of missing series.
 */
public final class RouterMetrics {
  public static final MetricDef EVENTS_INGESTED = new MetricDef("realcast.router.events.ingested", Kind.COUNTER, "",
      List.of("type"), "Valid raw events read from realcast.events, by raw type");
  public static final MetricDef EVENTS_INVALID = new MetricDef("realcast.router.events.invalid", Kind.COUNTER, "",
      List.of("reason"), "Raw events sent to realcast.events.invalid, by reason");
  public static final MetricDef EVENTS_IGNORED = new MetricDef("realcast.router.events.ignored", Kind.COUNTER, "",
      List.of("type", "reason"), "Valid raw events that produced no webhook because of the stream's state");
  public static final MetricDef DELIVERIES_CREATED = new MetricDef("realcast.router.deliveries.created", Kind.COUNTER,
      "", List.of("event"), "Delivery records written to realcast.deliveries, by webhook event type");
  public static final MetricDef VIEWER_COUNT_UPDATES = new MetricDef("realcast.router.viewer.count.updates",
      Kind.COUNTER, "", List.of(), "viewer.count.update events computed (one per live stream per interval)");
  public static final MetricDef HANDLER_ERRORS = new MetricDef("realcast.router.stream.errors", Kind.COUNTER, "",
      List.of("stage"), "Records Kafka Streams could not deserialize or produce, and uncaught exceptions");

  public static List<MetricDef> catalog() {
    return List.of(EVENTS_INGESTED, EVENTS_INVALID, EVENTS_IGNORED, DELIVERIES_CREATED, VIEWER_COUNT_UPDATES,
        HANDLER_ERRORS);
  }

  /** Stages of {@link #HANDLER_ERRORS}. */
  public enum Stage { DESERIALIZATION, PRODUCTION, UNCAUGHT }

  private final Map<RawEventType, Counter> ingested = new EnumMap<>(RawEventType.class);
  private final Map<InvalidReason, Counter> invalid = new EnumMap<>(InvalidReason.class);
  private final Map<RawEventType, Map<IgnoredReason, Counter>> ignored = new EnumMap<>(RawEventType.class);
  private final Map<WebhookEventType, Counter> created = new EnumMap<>(WebhookEventType.class);
  private final Map<Stage, Counter> errors = new EnumMap<>(Stage.class);
  private final Counter viewerCountUpdates;

  public RouterMetrics(MeterRegistry registry) {
    for (RawEventType type : RawEventType.values()) {
      ingested.put(type, counter(registry, EVENTS_INGESTED, type.wireName()));
      Map<IgnoredReason, Counter> byReason = new EnumMap<>(IgnoredReason.class);
      for (IgnoredReason reason : IgnoredReason.values()) {
        byReason.put(reason, counter(registry, EVENTS_IGNORED, type.wireName(), reason.code()));
      }
      ignored.put(type, byReason);
    }
    for (InvalidReason reason : InvalidReason.values()) {
      invalid.put(reason, counter(registry, EVENTS_INVALID, reason.code()));
    }
    for (WebhookEventType type : WebhookEventType.values()) {
      created.put(type, counter(registry, DELIVERIES_CREATED, type.wireName()));
    }
    for (Stage stage : Stage.values()) {
      errors.put(stage, counter(registry, HANDLER_ERRORS, stage.name().toLowerCase(Locale.ROOT)));
    }
    viewerCountUpdates = counter(registry, VIEWER_COUNT_UPDATES);
  }

  private static Counter counter(MeterRegistry registry, MetricDef def, String... tagValues) {
    Counter.Builder builder = Counter.builder(def.name()).description(def.help());
    for (int i = 0; i < tagValues.length; i++) {
      builder.tag(def.tags().get(i), tagValues[i]);
    }
    return builder.register(registry);
  }

  public void ingested(RawEventType type) {
    ingested.get(type).increment();
  }

  public void invalid(InvalidReason reason) {
    invalid.get(reason).increment();
  }

  public void ignored(RawEventType type, IgnoredReason reason) {
    ignored.get(type).get(reason).increment();
  }

  public void deliveriesCreated(WebhookEventType type, int count) {
    if (count > 0) {
      created.get(type).increment(count);
    }
  }

  public void viewerCountUpdate() {
    viewerCountUpdates.increment();
  }

  public void handlerError(Stage stage) {
    errors.get(stage).increment();
  }
}
