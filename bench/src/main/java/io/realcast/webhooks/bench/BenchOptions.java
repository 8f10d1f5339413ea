package io.realcast.webhooks.bench;

import io.realcast.webhooks.router.RouterConfig;
import io.realcast.webhooks.router.commit.CommitPace;
import java.nio.file.Path;
import java.util.Locale;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How one benchmark run is shaped. {@link #defaults(Scenario)} gives the documented run; the smoke
 * test shrinks it.
 *
 * @param steady length of each open-loop latency phase
 * @param warmup open-loop warm-up before anything is measured (JIT, connection pools, group assignment)
 * @param burst the capacity phase's backlog is sized to last about this long at the expected rate
 * @param ceilingDuration measured window of the raw-HTTP ceiling (after a third as much warm-up)
 * @param inFlight requests in flight of the ceiling client
 * @param loadFraction the latency phase runs at this fraction of the measured capacity
 * @param routerCommits the router's commit pace (its default unless asked otherwise)
 * @param drainTimeout how long the closing ledger waits for retries and dead letters
 * @param bootstrap an existing broker to use instead of starting one (topics get a unique prefix)
 * @param delivererHeap -Xmx of each deliverer JVM
 * @param profile record a JFR profile of each deliverer JVM next to the results
 * @param label file name stem of the results (default: the scenario's name)
 * @param endpointDelay how long a delayed endpoint (the single scenario's second webhook) waits before answering
 * @param tracing every service traces, exporting over OTLP to a sink in the bench JVM (the overhead figure)
 * @param latencyRate healthy deliveries/s of the steady latency phase, instead of {@code loadFraction} of the measured
 *     capacity: two runs that drain at different rates are then compared at the same load
 */
public record BenchOptions(
    Scenario scenario,
    Duration steady,
    Duration warmup,
    Duration burst,
    Duration ceilingDuration,
    BenchLayout layout,
    int partitions,
    int inFlight,
    double loadFraction,
    CommitPace routerCommits,
    Duration drainTimeout,
    Optional<String> bootstrap,
    String delivererHeap,
    boolean profile,
    Path outputDir,
    String label,
    String command,
    Duration endpointDelay,
    boolean tracing,
    OptionalDouble latencyRate) {

  public BenchOptions {
    List<String> errors = new ArrayList<>();
    positive(errors, "steady", steady);
    positive(errors, "warmup", warmup);
    positive(errors, "burst", burst);
    positive(errors, "ceiling duration", ceilingDuration);
    positive(errors, "drain timeout", drainTimeout);
    positive(errors, "endpoint delay", endpointDelay);
    if (partitions < 1) {
      errors.add("partitions must be at least 1");
    }
    if (inFlight < 1) {
      errors.add("in-flight must be at least 1");
    }
    if (!(loadFraction > 0 && loadFraction <= 1)) {
      errors.add("load fraction must be in (0, 1]");
    }
    if (latencyRate.isPresent() && !(latencyRate.getAsDouble() > 0)) {
      errors.add("latency rate must be positive");
    }
    if (!delivererHeap.matches("[0-9]+[kmgKMG]?")) {
      errors.add("deliverer heap must look like 256m");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
  }

  /** The documented run of {@code scenario}: 100 apps × 10 subscriptions over 100 ports, 12 partitions. */
  public static BenchOptions defaults(Scenario scenario) {
    return new BenchOptions(scenario, Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(10),
        Duration.ofSeconds(10), new BenchLayout(100, 10, 100), 12, 64, 0.8, RouterConfig.defaultCommitPace(),
        Duration.ofSeconds(90), Optional.empty(), "256m", false, Path.of("docs", "benchmarks"),
        scenario.name().toLowerCase(Locale.ROOT), "realcast bench " + scenario.name().toLowerCase(Locale.ROOT),
        Duration.ofMillis(50), false, OptionalDouble.empty());
  }

  public BenchOptions withTimes(Duration steady, Duration warmup, Duration burst, Duration ceiling, Duration drain) {
    return new BenchOptions(scenario, steady, warmup, burst, ceiling, layout, partitions, inFlight, loadFraction,
        routerCommits, drain, bootstrap, delivererHeap, profile, outputDir, label, command, endpointDelay, tracing,
        latencyRate);
  }

  public BenchOptions withShape(int apps, int subsPerApp, int ports, int partitions) {
    return new BenchOptions(scenario, steady, warmup, burst, ceilingDuration, new BenchLayout(apps, subsPerApp, ports),
        partitions, inFlight, loadFraction, routerCommits, drainTimeout, bootstrap, delivererHeap, profile, outputDir,
        label, command, endpointDelay, tracing, latencyRate);
  }

  public BenchOptions withRun(Optional<String> bootstrap, CommitPace routerCommit, String heap, boolean profile, Path out,
      String label, String command) {
    return new BenchOptions(scenario, steady, warmup, burst, ceilingDuration, layout, partitions, inFlight, loadFraction,
        routerCommit, drainTimeout, bootstrap, heap, profile, out, label, command, endpointDelay, tracing, latencyRate);
  }

  public BenchOptions withInFlight(int requestsInFlight) {
    return new BenchOptions(scenario, steady, warmup, burst, ceilingDuration, layout, partitions, requestsInFlight,
        loadFraction, routerCommits, drainTimeout, bootstrap, delivererHeap, profile, outputDir, label, command, endpointDelay,
        tracing, latencyRate);
  }

  public BenchOptions withEndpointDelay(Duration delay) {
    return new BenchOptions(scenario, steady, warmup, burst, ceilingDuration, layout, partitions, inFlight, loadFraction,
        routerCommits, drainTimeout, bootstrap, delivererHeap, profile, outputDir, label, command, delay, tracing,
        latencyRate);
  }

  /** The latency phase at {@code fraction} of the measured capacity (the capacity model's check runs it at other loads). */
  public BenchOptions withLoadFraction(double fraction) {
    return new BenchOptions(scenario, steady, warmup, burst, ceilingDuration, layout, partitions, inFlight, fraction,
        routerCommits, drainTimeout, bootstrap, delivererHeap, profile, outputDir, label, command, endpointDelay, tracing,
        latencyRate);
  }

  /** The steady latency phase at {@code deliveriesPerSecond} healthy deliveries/s, whatever the capacity phase measured. */
  public BenchOptions withLatencyRate(OptionalDouble deliveriesPerSecond) {
    return new BenchOptions(scenario, steady, warmup, burst, ceilingDuration, layout, partitions, inFlight, loadFraction,
        routerCommits, drainTimeout, bootstrap, delivererHeap, profile, outputDir, label, command, endpointDelay, tracing,
        deliveriesPerSecond);
  }

  /**
   * Raw events/s of the steady latency phases: the asked-for rate, or {@code loadFraction} of the capacity phase's.
   *
   * @param capacityEventsPerSecond raw events/s the capacity phase drained
   */
  public double steadyEventsPerSecond(double capacityEventsPerSecond) {
    return latencyRate.isPresent()
        ? latencyRate.getAsDouble() / layout.subsPerApp()
        : capacityEventsPerSecond * loadFraction;
  }

  /** Every service traces, exporting to a sink in the bench JVM: the run measures what tracing costs. */
  public BenchOptions withTracing(boolean on) {
    return new BenchOptions(scenario, steady, warmup, burst, ceilingDuration, layout, partitions, inFlight, loadFraction,
        routerCommits, drainTimeout, bootstrap, delivererHeap, profile, outputDir, label, command, endpointDelay, on,
        latencyRate);
  }

  private static void positive(List<String> errors, String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      errors.add(name + " must be positive");
    }
  }
}
