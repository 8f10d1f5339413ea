package io.realcast.webhooks.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.realcast.webhooks.event.InvalidRawEventException;
import io.realcast.webhooks.event.InvalidReason;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.event.RawStreamLive;
import io.realcast.webhooks.event.RawViewerJoined;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.testing.MutableClock;
import io.realcast.webhooks.testing.TestEvents;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import io.realcast.webhooks.tracing.TraceParent;
import io.realcast.webhooks.tracing.Tracing;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What the producer does before and around Kafka, with Kafka's own in-memory {@link MockProducer} to
 * script acknowledgements and failures; the real-broker behaviour is in {@link RealcastProducerKafkaIT}.
 */
class RealcastProducerTest {
  private final MutableClock clock = MutableClock.at("2024-12-09T10:00:00.750Z");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MockProducer<String, byte[]> kafka = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  private final ProducerConfig config = ProducerConfig.forBootstrap("127.0.0.1:1", new Topics("t.", RetrySchedule.DEFAULT));
  private final RealcastProducer producer = new RealcastProducer(kafka, config, registry, clock);

  @Test
  void shouldSendTheEventsJsonKeyedByStreamToTheEventsTopic() {
    RawEvent event = TestEvents.event().stream("stream_k").viewerJoined("viewer_1");

    producer.publish(event);

    assertThat(kafka.history()).singleElement().satisfies(r -> {
      assertThat(r.topic()).isEqualTo("t.realcast.events");
      assertThat(r.key()).isEqualTo("stream_k");
      assertThat(r.value()).isEqualTo(event.toJson());
    });
  }

  @Test
  void shouldPutThePublishSpansTraceParentInTheRecordHeadersWhenTracing() throws Exception {
    InMemorySpanExporter exported = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build()).build()) {
      RealcastProducer traced = new RealcastProducer(kafka, config, registry, clock, Tracing.of(sdk));

      CompletableFuture<RecordMetadata> sent = traced.streamLive(TestEvents.APP, "stream_t", "Title", "user_1");
      kafka.completeNext();
      sent.get();

      SpanData span = exported.getFinishedSpanItems().get(0);
      assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
      assertThat(span.getName()).isEqualTo("publish t.realcast.events");
      assertThat(TraceParent.read(kafka.history().get(0).headers())).isEqualTo(TraceParent.of(span.getSpanContext()));
    }
    producer.streamLive(TestEvents.APP, "stream_u", "Title", "user_1");
    assertThat(TraceParent.read(kafka.history().get(1).headers())).as("not traced: no header").isNull();
  }

  @Test
  void shouldRejectAnInvalidEventNamingTheFieldAndSendNothing() {
    RawEvent blankViewer = TestEvents.event().with(new RawViewerJoined("stream_1", " "));
    RawEvent nullTitle = TestEvents.event().with(new RawStreamLive("stream_1", null, "user_1", TestEvents.T0));

    assertThatThrownBy(() -> producer.publish(blankViewer)).asInstanceOf(type(InvalidRawEventException.class)).satisfies(e -> {
      assertThat(e.reason()).isEqualTo(InvalidReason.INVALID_VALUE);
      assertThat(e.field()).isEqualTo("data.viewer_id");
      assertThat(e.getMessage()).startsWith("data.viewer_id: ");
    });
    assertThatThrownBy(() -> producer.publish(nullTitle)).asInstanceOf(type(InvalidRawEventException.class))
        .extracting(InvalidRawEventException::field).isEqualTo("data.title");
    assertThat(kafka.history()).isEmpty();
    assertThat(registry.get(ProducerMetrics.REJECTED.name()).tag("reason", "invalid_value").counter().count()).isEqualTo(1);
    assertThat(registry.get(ProducerMetrics.REJECTED.name()).tag("reason", "missing_field").counter().count()).isEqualTo(1);
  }

  @Test
  void shouldRejectAnEventOverTheConfiguredSize() {
    RealcastProducer small = new RealcastProducer(kafka, new ProducerConfig(config.kafka(), "p", 300), registry, clock);

    assertThatThrownBy(() -> small.chatMessage(TestEvents.APP, "stream_1", "msg_1", "user_1", "u", "x".repeat(300)))
        .asInstanceOf(type(InvalidRawEventException.class)).extracting(InvalidRawEventException::reason).isEqualTo(InvalidReason.TOO_LARGE);
    assertThat(kafka.history()).isEmpty();
  }

  @Test
  void shouldCompleteWhenKafkaAcknowledgesAndCountByType() throws Exception {
    CompletableFuture<RecordMetadata> sent = producer.streamLive(TestEvents.APP, "stream_1", "Title", "user_1");
    assertThat(sent).isNotDone();

    kafka.completeNext();

    assertThat(sent.get().topic()).isEqualTo("t.realcast.events");
    assertThat(registry.get(ProducerMetrics.PUBLISHED.name()).tag("type", "stream.live").counter().count()).isEqualTo(1);
  }

  @Test
  void shouldFailTheFutureAndCountWhenKafkaDoesNotAcknowledge() {
    CompletableFuture<RecordMetadata> sent = producer.viewerLeft(TestEvents.APP, "stream_1", "viewer_1");

    kafka.errorNext(new TimeoutException("delivery timed out"));

    assertThatThrownBy(sent::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
    assertThat(registry.get(ProducerMetrics.FAILURES.name()).tag("type", "viewer.left").counter().count()).isEqualTo(1);
  }

  @Test
  void shouldFailTheFutureRatherThanThrowWhenTheProducerIsClosed() {
    kafka.close();

    CompletableFuture<RecordMetadata> sent = producer.viewerLeft(TestEvents.APP, "stream_1", "viewer_1");

    assertThat(sent).isCompletedExceptionally();
  }

  @Test
  void shouldBuildEveryConvenienceEventWithAFreshIdOccurredAtInMillisAndDataTimesInWholeSeconds() {
    AppId app = AppId.of("app_1");
    producer.streamLive(app, "stream_1", "T", "user_1");
    producer.streamOffline(app, "stream_1");
    producer.streamError(app, "stream_1", "ENCODER_ERROR", "gone");
    producer.viewerJoined(app, "stream_1", "viewer_1");
    producer.viewerLeft(app, "stream_1", "viewer_1");
    producer.recordingStarted(app, "stream_1", "rec_1");
    producer.recordingReady(app, "stream_1", "rec_1", "https://cdn/x.mp4", 60, 1000);
    producer.chatMessage(app, "stream_1", "msg_1", "user_2", "Zoë", "hi \uD83D\uDC4B");

    RawEventParser parser = new RawEventParser();
    assertThat(kafka.history()).hasSize(8).allSatisfy(r -> {
      RawEvent e = parser.parse(r.value());
      assertThat(e.id().value()).startsWith("evt_");
      assertThat(e.appId()).isEqualTo(app);
      assertThat(e.occurredAt()).isEqualTo(Instant.parse("2024-12-09T10:00:00.750Z"));
    });
    assertThat(parser.parse(kafka.history().get(0).value()).data())
        .isEqualTo(new RawStreamLive("stream_1", "T", "user_1", Instant.parse("2024-12-09T10:00:00Z")));
    assertThat(kafka.history()).extracting(r -> parser.parse(r.value()).id()).doesNotHaveDuplicates();
    assertThat(kafka.history()).extracting(r -> parser.parse(r.value()).type().wireName()).containsExactly(
        "stream.live", "stream.offline", "stream.error", "viewer.joined", "viewer.left", "recording.started",
        "recording.ready", "chat.message.new");
  }

  @Test
  void shouldFlushOnClose() {
    CompletableFuture<RecordMetadata> sent = producer.viewerJoined(TestEvents.APP, "stream_1", "viewer_1");

    producer.close();

    assertThat(sent).isCompleted();
    assertThat(kafka.closed()).isTrue();
  }

  @Test
  void shouldDeclareEveryMeterInTheCatalogWithTheRealcastPrefix() {
    producer.viewerJoined(TestEvents.APP, "stream_1", "viewer_1");
    kafka.completeNext();

    assertThat(ProducerMetrics.catalog()).allMatch(d -> d.prometheusName().startsWith("realcast_producer_"));
    assertThat(registry.getMeters()).allMatch(m -> ProducerMetrics.catalog().stream().anyMatch(d -> d.name().equals(m.getId().getName())));
  }
}
