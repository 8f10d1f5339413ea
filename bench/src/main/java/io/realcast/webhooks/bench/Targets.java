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
  static final double CPU_MICROS_PER_DELIVERY = 35;
  static final double HEAP_MIB = 256;

  private Targets() {}

  static List<BenchReport.Target> evaluate(Scenario scenario, CeilingRun.Result ceiling, List<BenchReport.Phase> phases,
      BenchReport.Ledger ledger, List<BenchReport.Deliverer> deliverers, BenchReport.Retries retries) {
    List<BenchReport.Target> targets = new ArrayList<>();
    if (scenario == Scenario.CEILING) {
      return targets;
    }
    Optional<BenchReport.Phase> fanoutCapacity = find(phases, "fanout capacity");
    Optional<BenchReport.Phase> fanoutLatency = find(phases, "fanout latency");
    fanoutCapacity.ifPresent(p -> targets.add(new BenchReport.Target("fanout throughput",
        "≥ " + FANOUT_RATIO + " × ceiling", f(p.ratioToCeiling()) + " × ceiling (" + f0(p.healthyPerSecond()) + "/s of "
            + f0(ceiling.requestsPerSecond()) + "/s)", p.ratioToCeiling() >= FANOUT_RATIO)));
    fanoutLatency.ifPresent(p -> targets.add(new BenchReport.Target("fanout p99 at " + f0(p.offeredEventsPerSecond())
        + " events/s", "≤ " + f0(FANOUT_P99_MILLIS) + " ms", f(p.p99Millis()) + " ms", p.p99Millis() <= FANOUT_P99_MILLIS)));
    if (scenario == Scenario.NOISY) {
      Optional<BenchReport.Phase> noisyCapacity = find(phases, "noisy capacity");
      Optional<BenchReport.Phase> noisyLatency = find(phases, "noisy latency");
      if (fanoutCapacity.isPresent() && noisyCapacity.isPresent()) {
        double ratio = noisyCapacity.get().healthyPerSecond() / fanoutCapacity.get().healthyPerSecond();
        targets.add(new BenchReport.Target("noisy healthy throughput", "≥ " + NOISY_THROUGHPUT_RATIO + " × fanout",
            f(ratio) + " × fanout", ratio >= NOISY_THROUGHPUT_RATIO));
      }
      if (fanoutLatency.isPresent() && noisyLatency.isPresent()) {
        double ratio = noisyLatency.get().p99Millis() / Math.max(0.001, fanoutLatency.get().p99Millis());
        targets.add(new BenchReport.Target("noisy healthy p99", "≤ " + NOISY_P99_FACTOR + " × fanout",
            f(ratio) + " × fanout (" + f(noisyLatency.get().p99Millis()) + " ms)", ratio <= NOISY_P99_FACTOR));
      }
      if (retries != null) {
        targets.add(new BenchReport.Target("retries never early", "0 early", retries.early() + " early of "
            + (retries.measured() + retries.early()), retries.early() == 0));
        targets.add(new BenchReport.Target("retry p99 lateness", "≤ " + f0(RETRY_P99_LATENESS_MILLIS) + " ms",
            f(retries.p99LatenessMillis()) + " ms", retries.measured() > 0 && retries.p99LatenessMillis() <= RETRY_P99_LATENESS_MILLIS));
      }
    }
    phases.stream().filter(p -> p.kind().equals("capacity")).findFirst().ifPresent(p -> targets.add(new BenchReport.Target(
        "deliverer CPU per delivery (" + p.name() + ")", "≤ " + f0(CPU_MICROS_PER_DELIVERY) + " µs",
        f(p.delivererCpuMicrosPerAttempt()) + " µs (" + f(p.delivererCpuMicrosPerAttemptWithoutJit()) + " without JIT compiling)",
        p.delivererCpuMicrosPerAttempt() <= CPU_MICROS_PER_DELIVERY)));
    deliverers.stream().mapToDouble(BenchReport.Deliverer::peakHeapUsedMiB).max().ifPresent(peak -> targets.add(
        new BenchReport.Target("deliverer peak heap used", "≤ " + f0(HEAP_MIB) + " MiB", f(peak) + " MiB", peak <= HEAP_MIB)));
    if (ledger != null) {
      targets.add(new BenchReport.Target("nothing lost", "events × fan-out = delivered + dead-lettered (− both)",
          ledger.expected() + " = " + ledger.delivered() + " + " + ledger.deadLettered()
              + (ledger.deliveredAndDeadLettered() > 0 ? " − " + ledger.deliveredAndDeadLettered() : "")
              + ", " + ledger.missing() + " missing", ledger.balanced()));
    }
    return targets;
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
