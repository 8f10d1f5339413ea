package io.realcast.webhooks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.tracing.Tracing;
import io.realcast.webhooks.tracing.TracingSetup;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What `--tracing` and `--load-fraction` change in a run, and that the services' spans reach the sink. */
class TracingOptionTest {

  @Test
  void shouldCarryTheTracingSwitchAndTheLoadFractionThroughTheOptions() {
    BenchOptions defaults = BenchOptions.defaults(Scenario.FANOUT);

    BenchOptions traced = defaults.withTracing(true).withLoadFraction(0.5).withEndpointDelay(Duration.ofMillis(20));

    assertThat(defaults.tracing()).isFalse();
    assertThat(traced.tracing()).isTrue();
    assertThat(traced.loadFraction()).isEqualTo(0.5);
    assertThat(traced.withShape(10, 2, 5, 3).tracing()).as("kept by every with…").isTrue();
    assertThatThrownBy(() -> defaults.withLoadFraction(1.5)).hasMessageContaining("load fraction");
  }

  @Test
  void shouldExportTheServicesSpansToTheSinkOverOtlp() throws Exception {
    try (TraceSink sink = new TraceSink()) {
      try (Tracing tracing = TracingSetup.from("realcast-bench-test", sink.environment())) {
        assertThat(tracing.enabled()).isTrue();
        tracing.tracer("test").spanBuilder("probe").startSpan().end();
      } // closing flushes the batch

      assertThat(sink.requests()).isEqualTo(1);
      assertThat(sink.bytes()).isPositive();
    }
  }
}
