package io.realcast.webhooks.deliverer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.realcast.webhooks.deliverer.Outcome;
import io.realcast.webhooks.deliverer.Placement;
import io.realcast.webhooks.deliverer.SendResult;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.tracing.TraceParent;
import io.realcast.webhooks.tracing.Tracing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AttemptTracerTest {
  private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
  private static final Endpoint ENDPOINT = Endpoint.parse("https://hooks.example.com:8443/in?token=secret");

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build()).build();

  @AfterEach
  void close() {
    sdk.close();
  }

  private static Delivery delivery(String traceParent) {
    return Delivery.first(WebhookId.of("wh_1"), AppId.of("app_1"), WebhookEventType.STREAM_LIVE, EventId.of("evt_1"), NOW, NOW,
        "{}".getBytes(StandardCharsets.UTF_8)).withTraceParent(traceParent);
  }

  @Test
  void shouldGiveEveryAttemptTheSameDoNothingSpanWhenTracingIsOff() {
    AttemptSpan a = AttemptTracer.OFF.start(delivery(PARENT), ENDPOINT);
    AttemptSpan b = AttemptTracer.OFF.start(delivery(null), ENDPOINT);
    a.step(AttemptSpan.Step.CONNECTED);
    a.placed(new Placement.Delivered());

    assertThat(a).isSameAs(AttemptSpan.NONE).isSameAs(b);
    assertThat(a.traceParent(delivery(PARENT))).as("the record's trace, passed on").isEqualTo(PARENT);
    assertThat(a.traceParent(delivery(null))).isNull();
    assertThat(a.traceId(delivery(PARENT))).as("the trace the record names").isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(a.traceId(delivery(null))).isNull();
  }

  @Test
  void shouldTraceAnAttemptAsAChildOfTheDeliveryRecordsSpanUntilItIsPlaced() {
    AttemptTracer tracer = new AttemptTracer(Tracing.of(sdk));
    Delivery d = delivery(PARENT);

    AttemptSpan span = tracer.start(d, ENDPOINT);
    RequestHeaders headers = DeliveryAttempt.headers(d, subscription(), NOW, span.traceParent(d));
    span.step(AttemptSpan.Step.CONNECTED);
    span.step(AttemptSpan.Step.ANSWERED);
    span.ended(new SendResult.Response(503, null, Duration.ofMillis(12)), new Outcome.Temporary(503, null, Optional.empty()));
    assertThat(exported.getFinishedSpanItems()).as("open until placed").isEmpty();
    span.placed(new Placement.Retry(Duration.ofSeconds(1), NOW.plusSeconds(1)));

    SpanData s = exported.getFinishedSpanItems().get(0);
    assertThat(s.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(s.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(s.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(s.getName()).isEqualTo("deliver stream.live");
    assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(s.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(503L);
    assertThat(s.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("hooks.example.com");
    assertThat(s.getAttributes().asMap().values()).as("no path or query: they may carry tokens")
        .noneMatch(v -> v.toString().contains("token"));
    assertThat(s.getEvents().stream().map(EventData::getName))
        .containsExactly("connection ready", "response status received", "retry parked");
    assertThat(headers.get("traceparent")).as("the traceparent names the attempt's span")
        .isEqualTo(TraceParent.of(s.getSpanContext()));
    assertThat(span.traceId(d)).isEqualTo(s.getTraceId());
  }

  @Test
  void shouldPassTheDeliveryRecordsTraceParentToTheReceiverWhenNotTracing() {
    Delivery traced = delivery(PARENT);
    Delivery plain = delivery(null);

    assertThat(DeliveryAttempt.headers(traced, subscription(), NOW, AttemptTracer.OFF.start(traced, ENDPOINT).traceParent(traced))
        .get("traceparent")).isEqualTo(PARENT);
    assertThat(DeliveryAttempt.headers(plain, subscription(), NOW, AttemptTracer.OFF.start(plain, ENDPOINT).traceParent(plain))
        .get("traceparent")).isNull();
  }

  private static Subscription subscription() {
    return new Subscription(WebhookId.of("wh_1"), AppId.of("app_1"), "https://hooks.example.com:8443/in?token=secret",
        Set.of(WebhookEventType.STREAM_LIVE), true, "", WebhookSecret.generate(new SecureRandom()), Optional.empty(), NOW, NOW, null);
  }
}
