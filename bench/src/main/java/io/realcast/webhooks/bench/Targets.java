package io.realcast.webhooks.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The targets, checked against what a run measured. */
final class Targets {
  static final double FANOUT_RATIO = 0.30;
  static final double FANOUT_P99_MILLIS = 50;
  static final double NOISY_THROUGHPUT_RATIO = 0.90;
  static final double NOISY_P99_FACTOR = 2.0;
  static final double RETRY_P99_LATENESS_MILLIS = 1_000;
  static final double LIGHT_P50_MILLIS = 20;
  static final double ORDERED_RATIO = 0.8;
  static final double SINGLE_RATIO = 0.8;
  static final double SINGLE_DELAYED_RATIO = 0.9;
  /** The goal per attempt; the issue is resolved at {@link #CPU_MICROS_PER_ATTEMPT_WITHOUT_JIT} without the compiler threads. */
  static final double CPU_MICROS_PER_ATTEMPT = 35;
  static final double CPU_MICROS_PER_ATTEMPT_WITHOUT_JIT = 60;
  static final double HEAP_MIB = 256;

  private Targets() {}

  static List<BenchReport.Target> evaluate(Scenario scenario, CeilingRun.Result ceiling, List<BenchReport.Phase> phases,
      BenchReport.Ledger ledger, List<BenchReport.Deliverer> deliverers, BenchReport.Retries retries, SingleWebhook single) {
    List<BenchReport.Target> targets = new ArrayList<>();
    if (scenario == Scenario.CEILING) {
      return targets;
    }
    Optional<BenchReport.Phase> fanoutCapacity = find(phases, "fanout capacity");
    Optional<BenchReport.Phase> fanoutLatency = find(phases, "fanout latency");
    fanoutCapacity.ifPresent(p -> targets.add(new BenchReport.Target("fanout throughput",
        "≥ " + FANOUT_RATIO + " × ceiling", f(p.load().ratioToCeiling()) + " × ceiling (" + f0(p.load().healthyPerSecond())
            + "/s of " + f0(ceiling.requestsPerSecond()) + "/s)", p.load().ratioToCeiling() >= FANOUT_RATIO)));
    fanoutLatency.ifPresent(p -> targets.add(new BenchReport.Target("fanout p99 at " + f0(p.load().offeredEventsPerSecond())
        + " events/s", "≤ " + f0(FANOUT_P99_MILLIS) + " ms", f(p.latency().p99Millis()) + " ms",
        p.latency().p99Millis() <= FANOUT_P99_MILLIS)));
    find(phases, "fanout light latency").ifPresent(p -> targets.add(new BenchReport.Target("fanout p50 under light load",
        "≤ " + f0(LIGHT_P50_MILLIS) + " ms", f(p.latency().p50Millis()) + " ms", p.latency().p50Millis() <= LIGHT_P50_MILLIS)));
    if (scenario == Scenario.NOISY) {
      noisy(phases, retries, fanoutCapacity, fanoutLatency, targets);
    }
    if (scenario == Scenario.SINGLE) {
      single(phases, single, fanoutCapacity, targets);
    }
    phases.stream().filter(p -> p.kind().equals("capacity")).findFirst().ifPresent(p -> {
      BenchReport.Cpu cpu = p.cpu();
      targets.add(new BenchReport.Target("deliverer CPU per attempt (" + p.name() + ")",
          "≤ " + f0(CPU_MICROS_PER_ATTEMPT) + " µs", f(cpu.delivererMicrosPerAttempt()) + " µs",
          cpu.delivererMicrosPerAttempt() <= CPU_MICROS_PER_ATTEMPT));
      targets.add(new BenchReport.Target("deliverer CPU per attempt without JIT threads (" + p.name() + ")",
          "≤ " + f0(CPU_MICROS_PER_ATTEMPT_WITHOUT_JIT) + " µs", f(cpu.delivererMicrosPerAttemptWithoutJit()) + " µs",
          cpu.delivererMicrosPerAttemptWithoutJit() <= CPU_MICROS_PER_ATTEMPT_WITHOUT_JIT));
    });
    deliverers.stream().mapToDouble(BenchReport.Deliverer::peakHeapUsedMiB).max().ifPresent(peak -> targets.add(
        new BenchReport.Target("deliverer peak heap used", "≤ " + f0(HEAP_MIB) + " MiB", f(peak) + " MiB", peak <= HEAP_MIB)));
    if (ledger != null) {
      targets.add(new BenchReport.Target("nothing lost", "expected deliveries = delivered + dead-lettered (− both)",
          ledger.expected() + " = " + ledger.delivered() + " + " + ledger.deadLettered()
              + (ledger.deliveredAndDeadLettered() > 0 ? " − " + ledger.deliveredAndDeadLettered() : "")
              + ", " + ledger.missing() + " missing", ledger.balanced()));
    }
    return targets;
  }

  /** What the single scenario's delayed webhook can do at best: its in-flight limit ÷ the endpoint's delay. */
  record SingleWebhook(int maxInFlight, java.time.Duration endpointDelay) {
    double bestPerSecond() {
      return maxInFlight * 1e9 / endpointDelay.toNanos();
    }
  }

  private static void noisy(List<BenchReport.Phase> phases, BenchReport.Retries retries, Optional<BenchReport.Phase> fanoutCapacity,
      Optional<BenchReport.Phase> fanoutLatency, List<BenchReport.Target> targets) {
    Optional<BenchReport.Phase> noisyCapacity = find(phases, "noisy capacity");
    Optional<BenchReport.Phase> noisyLatency = find(phases, "noisy latency");
    if (fanoutCapacity.isPresent() && noisyCapacity.isPresent()) {
      double ratio = noisyCapacity.get().load().healthyPerSecond() / fanoutCapacity.get().load().healthyPerSecond();
      targets.add(new BenchReport.Target("noisy healthy throughput", "≥ " + NOISY_THROUGHPUT_RATIO + " × fanout",
          f(ratio) + " × fanout", ratio >= NOISY_THROUGHPUT_RATIO));
    }
    Optional<BenchReport.Phase> orderedCapacity = find(phases, "noisy ordered capacity");
    if (noisyCapacity.isPresent() && orderedCapacity.isPresent()) {
      double ratio = orderedCapacity.get().load().healthyPerSecond() / noisyCapacity.get().load().healthyPerSecond();
      targets.add(new BenchReport.Target("ordered healthy throughput", "≥ " + ORDERED_RATIO + " × unordered (noisy)",
          f(ratio) + " × unordered", ratio >= ORDERED_RATIO));
    }
    if (fanoutLatency.isPresent() && noisyLatency.isPresent()) {
      double ratio = noisyLatency.get().latency().p99Millis() / Math.max(0.001, fanoutLatency.get().latency().p99Millis());
      targets.add(new BenchReport.Target("noisy healthy p99", "≤ " + NOISY_P99_FACTOR + " × fanout",
          f(ratio) + " × fanout (" + f(noisyLatency.get().latency().p99Millis()) + " ms)", ratio <= NOISY_P99_FACTOR));
    }
    if (retries != null) {
      targets.add(new BenchReport.Target("retries never early", "0 early", retries.early() + " early of "
          + (retries.measured() + retries.early()), retries.early() == 0));
      targets.add(new BenchReport.Target("retry p99 lateness", "≤ " + f0(RETRY_P99_LATENESS_MILLIS) + " ms",
          f(retries.p99LatenessMillis()) + " ms", retries.measured() > 0 && retries.p99LatenessMillis() <= RETRY_P99_LATENESS_MILLIS));
    }
  }

  private static void single(List<BenchReport.Phase> phases, SingleWebhook single, Optional<BenchReport.Phase> fanoutCapacity,
      List<BenchReport.Target> targets) {
    Optional<BenchReport.Phase> fast = find(phases, "single capacity");
    if (fast.isPresent() && fanoutCapacity.isPresent()) {
      double ratio = fast.get().load().healthyPerSecond() / fanoutCapacity.get().load().healthyPerSecond();
      targets.add(new BenchReport.Target("one webhook, fast receiver", "≥ " + SINGLE_RATIO + " × fanout capacity",
          f(ratio) + " × fanout (" + f0(fast.get().load().healthyPerSecond()) + "/s)", ratio >= SINGLE_RATIO));
    }
    find(phases, "single delayed capacity").ifPresent(p -> {
      double ratio = p.load().healthyPerSecond() / single.bestPerSecond();
      targets.add(new BenchReport.Target("one webhook, receiver answering after " + single.endpointDelay().toMillis() + " ms",
          "≥ " + SINGLE_DELAYED_RATIO + " × " + single.maxInFlight() + " in flight ÷ delay (" + f0(single.bestPerSecond()) + "/s)",
          f(ratio) + " × (" + f0(p.load().healthyPerSecond()) + "/s)", ratio >= SINGLE_DELAYED_RATIO));
    });
  }

  private static Optional<BenchReport.Phase> find(List<BenchReport.Phase> phases, String name) {
    return phases.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  static String f(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String f0(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }
}
