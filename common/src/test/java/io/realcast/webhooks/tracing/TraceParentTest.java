package io.realcast.webhooks.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {
  static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void shouldTakeTheTraceIdOfAValidTraceParent() {
    assertThat(TraceParent.isValid(VALID)).isTrue();
    assertThat(TraceParent.traceId(VALID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(TraceParent.traceId(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", // too short
      "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // unknown version
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // zero trace id
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // zero span id
      "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01", // wrong separator
      "00-4bf92f3577b34da6a3ce929d0e0e473\r-00f067aa0ba902b7-01"}) // a control character
  void shouldRefuseAnythingButAVersion00TraceParent(String value) {
    assertThat(TraceParent.isValid(value)).isFalse();
    assertThat(TraceParent.traceId(value)).isNull();
    assertThat(TraceParent.parse(value).isValid()).isFalse();
  }

  @Test
  void shouldTurnASpanContextIntoATraceParentAndBack() {
    SpanContext context = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(),
        TraceState.getDefault());

    String value = TraceParent.of(context);
    SpanContext parsed = TraceParent.parse(value);

    assertThat(value).isEqualTo(VALID);
    assertThat(parsed.getTraceId()).isEqualTo(context.getTraceId());
    assertThat(parsed.getSpanId()).isEqualTo(context.getSpanId());
    assertThat(parsed.isSampled()).isTrue();
    assertThat(parsed.isRemote()).isTrue();
    assertThat(TraceParent.of(SpanContext.getInvalid())).isNull();
    assertThat(TraceParent.parse(VALID.substring(0, 53) + "00").isSampled()).isFalse();
  }

  @Test
  void shouldReadAndWriteTheKafkaHeaderKeepingOnlyTheLastValidOne() {
    RecordHeaders headers = new RecordHeaders();
    assertThat(TraceParent.read(headers)).isNull();

    headers.add(TraceParent.HEADER, "garbage".getBytes(StandardCharsets.US_ASCII));
    assertThat(TraceParent.read(headers)).isNull();
    TraceParent.write(headers, VALID);
    TraceParent.write(headers, null);

    assertThat(TraceParent.read(headers)).isEqualTo(VALID);
    assertThat(headers.headers(TraceParent.HEADER)).hasSize(1);
    assertThat(TraceParent.read(null)).isNull();
  }
}
