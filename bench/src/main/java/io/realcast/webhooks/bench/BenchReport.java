package io.realcast.webhooks.bench;

import java.util.List;

/** Everything one run measured; written as JSON, summarised as Markdown, drawn as PNG. */
public record BenchReport(
    String scenario,
    String startedAt,
    String finishedAt,
    String command,
    Machine machine,
    Shape shape,
    CeilingRun.Result ceiling,
    List<Phase> phases,
    Ledger ledger,
    List<Deliverer> deliverers,
    Retries retries,
    List<Target> targets,
    List<String> notes,
    List<Timeline.Second> timeline) {

  /** The machine and how busy it was: load averages from /proc/loadavg at start and end. */
  public record Machine(int cores, String cpu, String os, String java, String loadAtStart, String loadAtEnd) {}

  public record Shape(int apps, int subscriptions, int receiverPorts, int partitions, int fanout, String routerCommitInterval,
      String delivererHeap, String retrySchedule) {}

  /**
   * One measured phase. {@code kind} is {@code capacity} (a backlog drained as fast as the pipeline can:
   * throughput) or {@code latency} (open-loop at a fixed rate: latency from schedule to arrival). Deliverer CPU is
   * per attempt, for the whole JVM and without its JIT compiler threads (a warm-up cost); {@code allCpu…} adds the
   * bench JVM (broker, router, receivers, load generator); {@code otherProcessesCpuShare} is the share of the
   * machine's CPU that processes outside this run used meanwhile (other engineers' builds).
   */
  public record Phase(String name, String kind, int deliverers, double offeredEventsPerSecond, long events,
      long healthyExpected, long healthyDelivered, double seconds, double healthyPerSecond, double ratioToCeiling,
      double p50Millis, double p90Millis, double p99Millis, double p999Millis, double maxMillis, long delivererAttempts,
      double delivererCpuMicrosPerAttempt, double delivererCpuMicrosPerAttemptWithoutJit, double allCpuMicrosPerAttempt,
      double otherProcessesCpuShare, double startSecond, double endSecond) {}

  /**
   * Events × fan-out must equal unique 2xx deliveries + dead letters − pairs that are both (answered 2xx
   * after the deliverer had given up on the attempt), with nothing missing, or the run is void.
   */
  public record Ledger(long events, long failedToProduce, long expected, long delivered, long deadLettered,
      long deliveredAndDeadLettered, long missing, long duplicates, boolean balanced) {}

  /** @param cpuSecondsByThreadGroup where the JVM's CPU went, by thread (Linux names: at most 15 characters) */
  public record Deliverer(int index, long pid, long attempts, String attemptsByOutcome, double cpuSeconds, double peakHeapUsedMiB,
      double peakHeapCommittedMiB, double peakLiveAfterGcMiB, java.util.Map<String, Double> cpuSecondsByThreadGroup) {}

  /** Retries seen by the failing endpoints: lateness = arrival − (previous 503 + scheduled delay). */
  public record Retries(long measured, long early, double p50LatenessMillis, double p99LatenessMillis, double maxLatenessMillis) {}

  public record Target(String name, String goal, String actual, boolean met) {}
}
