package io.realcast.webhooks.producer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.realcast.webhooks.event.InvalidReason;
import io.realcast.webhooks.event.RawEventType;
import io.realcast.webhooks.metrics.MetricDef;
import io.realcast.webhooks.metrics.MetricDef.Kind;
import java.time.Duration;
import java.util.List;

/** The producer's metric catalog: the only place its meters are named. Tags are event types and reasons only. */
public final class ProducerMetrics {
  public static final MetricDef PUBLISHED = new MetricDef("realcast.producer.events.published", Kind.COUNTER, "",
      List.of("type"), "Raw events acknowledged by Kafka (acks=all), by raw event type");
  public static final MetricDef REJECTED = new MetricDef("realcast.producer.events.rejected", Kind.COUNTER, "",
      List.of("reason"), "Raw events refused before sending because they break the contract, by reason (missing_field, ...)");
  public static final MetricDef FAILURES = new MetricDef("realcast.producer.publish.failures", Kind.COUNTER, "",
      List.of("type"), "Valid raw events Kafka did not acknowledge (timeout, broker unavailable, producer closed), by type");
  public static final MetricDef SEND_DURATION = new MetricDef("realcast.producer.send.duration", Kind.TIMER, "seconds",
      List.of(), "Time from publish to Kafka's acknowledgement");

  public static List<MetricDef> catalog() {
    return List.of(PUBLISHED, REJECTED, FAILURES, SEND_DURATION);
  }

  private final MeterRegistry registry;
  private final Timer sendDuration;

  public ProducerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.sendDuration = Timer.builder(SEND_DURATION.name()).description(SEND_DURATION.help()).register(registry);
  }

  void published(RawEventType type, Duration took) {
    counter(PUBLISHED, type.wireName()).increment();
    sendDuration.record(took);
  }

  void rejected(InvalidReason reason) {
    counter(REJECTED, reason.code()).increment();
  }

  void failed(RawEventType type) {
    counter(FAILURES, type.wireName()).increment();
  }

  private Counter counter(MetricDef def, String tagValue) {
    return Counter.builder(def.name()).description(def.help()).tag(def.tags().get(0), tagValue).register(registry);
  }
}
