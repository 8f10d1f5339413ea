package io.realcast.webhooks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** How the steady latency phase's load is chosen: a share of the measured capacity, or a rate asked for. */
class BenchOptionsTest {
  private final BenchOptions defaults = BenchOptions.defaults(Scenario.FANOUT);

  @Test
  void shouldRunTheSteadyPhaseAtTheLoadFractionOfTheMeasuredCapacity() {
    assertThat(defaults.steadyEventsPerSecond(1_000)).isEqualTo(800.0);
    assertThat(defaults.withLoadFraction(0.5).steadyEventsPerSecond(1_000)).isEqualTo(500.0);
  }

  @Test
  void shouldRunTheSteadyPhaseAtTheAskedDeliveryRateWhateverTheCapacity() {
    BenchOptions fixed = defaults.withLatencyRate(OptionalDouble.of(5_000));

    assertThat(fixed.steadyEventsPerSecond(1_000)).as("5,000 deliveries/s at fan-out 10").isEqualTo(500.0);
    assertThat(fixed.steadyEventsPerSecond(9_000)).isEqualTo(500.0);
    assertThat(fixed.withShape(10, 5, 10, 3).steadyEventsPerSecond(9_000)).as("at fan-out 5").isEqualTo(1_000.0);
  }

  @Test
  void shouldKeepTheRateThroughEveryOtherChange() {
    BenchOptions fixed = defaults.withLatencyRate(OptionalDouble.of(5_000));

    BenchOptions changed = fixed.withTimes(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofSeconds(10)).withInFlight(8).withEndpointDelay(Duration.ofMillis(5))
        .withLoadFraction(0.5).withTracing(true);

    assertThat(changed.latencyRate()).hasValue(5_000);
  }

  @Test
  void shouldRefuseARateThatIsNotPositive() {
    assertThatThrownBy(() -> defaults.withLatencyRate(OptionalDouble.of(0))).hasMessageContaining("latency rate");
  }
}
