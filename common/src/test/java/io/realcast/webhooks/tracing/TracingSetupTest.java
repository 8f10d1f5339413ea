package io.realcast.webhooks.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingSetupTest {

  @Test
  void shouldStayOffWithoutAnyOtelVariable() {
    assertThat(TracingSetup.configured(Map.of())).isFalse();
    assertThat(TracingSetup.configured(Map.of("OTEL_SERVICE_NAME", "router", "OTEL_TRACES_SAMPLER", "always_on"))).isFalse();
    assertThat(TracingSetup.from("realcast-router", Map.of()).enabled()).isFalse();
    assertThat(TracingSetup.from("realcast-router", Map.of())).isSameAs(Tracing.off());
  }

  @Test
  void shouldTurnOnForAnExporterOrAnOtlpEndpoint() {
    assertThat(TracingSetup.configured(Map.of("OTEL_TRACES_EXPORTER", "otlp"))).isTrue();
    assertThat(TracingSetup.configured(Map.of("OTEL_TRACES_EXPORTER", "console"))).isTrue();
    assertThat(TracingSetup.configured(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))).isTrue();
    assertThat(TracingSetup.configured(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces"))).isTrue();
  }

  @Test
  void shouldStayOffWhenTheExporterIsNoneOrTheSdkIsDisabled() {
    assertThat(TracingSetup.configured(Map.of("OTEL_TRACES_EXPORTER", "none",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))).isFalse();
    assertThat(TracingSetup.configured(Map.of("OTEL_SDK_DISABLED", "TRUE", "OTEL_TRACES_EXPORTER", "otlp"))).isFalse();
    assertThat(TracingSetup.configured(Map.of("OTEL_TRACES_EXPORTER", "  "))).isFalse();
  }

  @Test
  void shouldBuildTheSdkWhenConfiguredAndShutItDownOnClose() {
    // Nothing is sampled, so the exporter never contacts its endpoint.
    try (Tracing tracing = TracingSetup.from("realcast-test", Map.of("OTEL_TRACES_EXPORTER", "otlp",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9", "OTEL_TRACES_SAMPLER", "always_off"))) {
      assertThat(tracing.enabled()).isTrue();
      var span = tracing.tracer("test").spanBuilder("probe").startSpan();
      assertThat(span.getSpanContext().isValid()).isTrue();
      assertThat(span.isRecording()).as("always_off samples nothing").isFalse();
      span.end();
    }
  }
}
