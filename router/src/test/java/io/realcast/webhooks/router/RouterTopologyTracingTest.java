package io.realcast.webhooks.router;

import static io.realcast.webhooks.router.RawEvents.chat;
import static io.realcast.webhooks.router.RouterHarness.allEvents;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.tracing.TraceParent;
import io.realcast.webhooks.tracing.Tracing;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The producer's trace through the router: continued with a span per event and per delivery, or passed on as it came. */
class RouterTopologyTracingTest {
  private static final String AT = "2024-12-09T10:10:00Z";
  private static final String PRODUCER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final Instant START = Instant.parse("2024-12-09T10:00:00Z");

  @TempDir Path stateDir;

  @Test
  void shouldPassTheProducersTraceParentToEveryDeliveryWhenNotTracing() {
    try (RouterHarness router = new RouterHarness(stateDir, START)) {
      router.register(allEvents("wh_1", "app_a"));
      router.register(allEvents("wh_2", "app_a"));

      router.send("stream_1", chat("evt_1", "app_a", "stream_1", AT), PRODUCER);
      router.send("stream_1", chat("evt_2", "app_a", "stream_1", AT));

      List<Delivery> out = router.drainDeliveries();
      assertThat(out).hasSize(4);
      assertThat(out.subList(0, 2)).extracting(Delivery::traceParent).containsOnly(PRODUCER);
      assertThat(out.subList(2, 4)).extracting(Delivery::traceParent).containsOnlyNulls();
    }
  }

  @Test
  void shouldStartARouteSpanUnderTheProducersAndAFanOutSpanPerDelivery() {
    InMemorySpanExporter exported = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build()).build();
        RouterHarness router = new RouterHarness(stateDir, START, UnaryOperator.identity(), Tracing.of(sdk))) {
      router.register(allEvents("wh_1", "app_a"));
      router.register(allEvents("wh_2", "app_a"));

      router.send("stream_1", chat("evt_1", "app_a", "stream_1", AT), PRODUCER);

      List<Delivery> out = router.drainDeliveries();
      SpanData route = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals("route chat.message.new"))
          .findFirst().orElseThrow();
      List<SpanData> fanOuts = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals("fan-out")).toList();
      assertThat(route.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(route.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
      assertThat(route.getKind()).isEqualTo(SpanKind.CONSUMER);
      assertThat(fanOuts).hasSize(2).allSatisfy(f -> assertThat(f.getParentSpanId()).isEqualTo(route.getSpanId()));
      assertThat(out).extracting(Delivery::traceParent)
          .containsExactlyInAnyOrderElementsOf(fanOuts.stream().map(f -> TraceParent.of(f.getSpanContext())).toList());
    }
  }
}
