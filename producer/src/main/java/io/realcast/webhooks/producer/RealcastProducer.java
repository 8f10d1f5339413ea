package io.realcast.webhooks.producer;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.realcast.webhooks.event.InvalidRawEventException;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.tracing.TraceParent;
import io.realcast.webhooks.tracing.Tracing;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What streaming services link to publish raw platform events to {@code realcast.events}: validated
 * before sending (against the same rules the router applies), keyed by stream id so a stream's events stay
 * in order, idempotent with acks=all.
 *
 * <pre>{@code
 * try (RealcastProducer producer = new RealcastProducer(ProducerConfig.read(ConfigSource.fromEnvironment()),
 *     registry, Clock.systemUTC())) {
 *   producer.streamLive(AppId.of("app_xyz789"), "stream_abc123", "Epic Gaming Session", "user_123").join();
 * }
 * }</pre>
 *
 * <p>Thread-safe, like the Kafka producer it wraps; share one per process.
 *
 * <p>Given a {@link Tracing} that is on, each publish is a span (a child of the caller's current span, if any) whose
 * W3C {@code traceparent} travels in the record's headers, so the router, the deliverer and the receiver continue the
 * same trace.
 */
public final class RealcastProducer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RealcastProducer.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final RawEventParser validator;
  private final ProducerMetrics metrics;
  private final EventFactory events;
  private final Clock clock;
  private final Tracing tracing;
  private final Tracer tracer;

  /** Connects a Kafka producer built from {@code config}; no traces. */
  public RealcastProducer(ProducerConfig config, MeterRegistry registry, Clock clock) {
    this(config, registry, clock, Tracing.off());
  }

  /** Connects a Kafka producer built from {@code config}; a span per published event when {@code tracing} is on. */
  public RealcastProducer(ProducerConfig config, MeterRegistry registry, Clock clock, Tracing tracing) {
    this(new KafkaProducer<>(config.kafka().producerProperties(config.clientId())), config, registry, clock, tracing);
  }

  /** Publishes through {@code producer}, which this instance owns and closes; no traces. */
  public RealcastProducer(Producer<String, byte[]> producer, ProducerConfig config, MeterRegistry registry, Clock clock) {
    this(producer, config, registry, clock, Tracing.off());
  }

  /** Publishes through {@code producer}, which this instance owns and closes. */
  public RealcastProducer(Producer<String, byte[]> producer, ProducerConfig config, MeterRegistry registry, Clock clock,
      Tracing tracing) {
    this.producer = producer;
    this.tracing = tracing;
    this.tracer = tracing.tracer("producer");
    this.topic = config.kafka().topics().events();
    this.validator = new RawEventParser(config.maxEventBytes());
    this.metrics = new ProducerMetrics(registry);
    this.events = new EventFactory(clock);
    this.clock = clock;
  }

  /**
   * Validates {@code event} and sends it. The future completes when Kafka has acknowledged the record on
   * every in-sync replica, or fails with Kafka's error.
   *
   * @throws InvalidRawEventException if the event breaks the raw event contract (producer/README.md); names the field
   */
  public CompletableFuture<RecordMetadata> publish(RawEvent event) {
    byte[] json = validated(event);
    CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
    long startedAt = clock.millis();
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.streamId(), json);
    Span span = tracing.enabled() ? startSpan(event, record) : null;
    try {
      producer.send(record, (metadata, error) -> {
        if (error == null) {
          metrics.published(event.type(), Duration.ofMillis(Math.max(0, clock.millis() - startedAt)));
          endSpan(span, metadata, null);
          result.complete(metadata);
        } else {
          endSpan(span, null, error);
          fail(event, error, result);
        }
      });
    } catch (RuntimeException e) {
      // send() throws directly when closed, or when metadata or buffer space is not available in time.
      endSpan(span, null, e);
      fail(event, e, result);
    }
    return result;
  }

  /** The publish span, a child of the caller's current span, and its traceparent in the record's headers. */
  private Span startSpan(RawEvent event, ProducerRecord<String, byte[]> record) {
    Span span = tracer.spanBuilder("publish " + topic)
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.operation.type", "send")
        .setAttribute("messaging.destination.name", topic)
        .setAttribute(Tracing.EVENT_TYPE, event.type().wireName())
        .setAttribute(Tracing.EVENT_ID, event.id().value())
        .setAttribute(Tracing.APP_ID, event.appId().value())
        .setAttribute("realcast.stream.id", event.streamId())
        .startSpan();
    TraceParent.write(record.headers(), TraceParent.of(span.getSpanContext()));
    return span;
  }

  private static void endSpan(Span span, RecordMetadata metadata, Throwable error) {
    if (span == null) {
      return;
    }
    if (error != null) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
    } else {
      span.setAttribute("messaging.destination.partition.id", Integer.toString(metadata.partition()));
      span.setAttribute("messaging.kafka.offset", metadata.offset());
    }
    span.end();
  }

  /** The encoded event after the router's own validation, so nothing the router would reject is sent. */
  private byte[] validated(RawEvent event) {
    byte[] json = event.toJson();
    try {
      validator.parse(json);
    } catch (InvalidRawEventException e) {
      metrics.rejected(e.reason());
      throw e;
    }
    return json;
  }

  private void fail(RawEvent event, Throwable error, CompletableFuture<RecordMetadata> result) {
    metrics.failed(event.type());
    LOG.debug("Publishing {} {} failed: {}", event.type(), event.id(), error.toString());
    result.completeExceptionally(error);
  }

  /** Builds events "happening now" with this producer's clock, without publishing them. */
  public EventFactory events() {
    return events;
  }

  public CompletableFuture<RecordMetadata> streamLive(AppId app, String streamId, String title, String streamerId) {
    return publish(events.streamLive(app, streamId, title, streamerId));
  }

  public CompletableFuture<RecordMetadata> streamOffline(AppId app, String streamId) {
    return publish(events.streamOffline(app, streamId));
  }

  public CompletableFuture<RecordMetadata> streamError(AppId app, String streamId, String errorCode, String errorMessage) {
    return publish(events.streamError(app, streamId, errorCode, errorMessage));
  }

  public CompletableFuture<RecordMetadata> viewerJoined(AppId app, String streamId, String viewerId) {
    return publish(events.viewerJoined(app, streamId, viewerId));
  }

  public CompletableFuture<RecordMetadata> viewerLeft(AppId app, String streamId, String viewerId) {
    return publish(events.viewerLeft(app, streamId, viewerId));
  }

  public CompletableFuture<RecordMetadata> recordingStarted(AppId app, String streamId, String recordingId) {
    return publish(events.recordingStarted(app, streamId, recordingId));
  }

  public CompletableFuture<RecordMetadata> recordingReady(
      AppId app, String streamId, String recordingId, String cdnUrl, long durationSeconds, long fileSizeBytes) {
    return publish(events.recordingReady(app, streamId, recordingId, cdnUrl, durationSeconds, fileSizeBytes));
  }

  public CompletableFuture<RecordMetadata> chatMessage(
      AppId app, String streamId, String messageId, String userId, String userName, String message) {
    return publish(events.chatMessage(app, streamId, messageId, userId, userName, message));
  }

  /** Blocks until every event published so far is acknowledged or has failed. */
  public void flush() {
    producer.flush();
  }

  /** Flushes, then closes the Kafka producer. */
  @Override
  public void close() {
    try {
      producer.flush();
    } finally {
      producer.close(CLOSE_TIMEOUT);
    }
  }
}
