package io.realcast.webhooks.bench;

import java.util.List;
import java.util.Map;

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

  /** @param endpointDelay how long the delayed endpoints (the single scenario's second webhook) wait before answering */
  public record Shape(int apps, int subscriptions, int receiverPorts, int partitions, int fanout, String routerCommitInterval,
      String delivererHeap, String retrySchedule, String endpointDelay) {}

  /**
   * One measured phase. {@code kind} is {@code capacity} (a backlog drained as fast as the pipeline can:
   * throughput), {@code latency} (open-loop at a fixed rate: latency from schedule to arrival), {@code warmup} or
   * {@code ceiling}. {@code brokerRequestsPerThousandAttempts}: requests the embedded broker answered meanwhile, by
   * API, per 1,000 delivery attempts (empty with an external broker). {@code startSecond}/{@code endSecond} place it
   * on the run's timeline.
   */
  public record Phase(String name, String kind, int deliverers, Load load, Latency latency, Cpu cpu,
      Map<String, Double> brokerRequestsPerThousandAttempts, double startSecond, double endSecond) {}

  /** What was offered and what arrived healthy; {@code ratioToCeiling} is healthy deliveries/s ÷ the ceiling's requests/s. */
  public record Load(double offeredEventsPerSecond, long events, long healthyExpected, long healthyDelivered, double seconds,
      double healthyPerSecond, double ratioToCeiling) {}

  /** Healthy deliveries' latency, from the event's scheduled time to its arrival at the receiver. */
  public record Latency(double p50Millis, double p90Millis, double p99Millis, double p999Millis, double maxMillis) {
    static final Latency NONE = new Latency(0, 0, 0, 0, 0);

    static Latency of(LatencyHistogram h) {
      return new Latency(h.quantile(0.5) / 1000.0, h.quantile(0.9) / 1000.0, h.quantile(0.99) / 1000.0,
          h.quantile(0.999) / 1000.0, h.max() / 1000.0);
    }
  }

  /**
   * Deliverer CPU per attempt, for the whole JVM and without its JIT compiler threads (a warm-up cost);
   * {@code allMicrosPerAttempt} adds the bench JVM (broker, router, receivers, load generator);
   * {@code otherProcessesShare} is the share of the machine's CPU that processes outside this run used meanwhile.
   */
  /** @param benchMicrosPerAttemptByPart the bench JVM's share of all processes' CPU (broker, router, receivers, …) */
  public record Cpu(long delivererAttempts, double delivererMicrosPerAttempt, double delivererMicrosPerAttemptWithoutJit,
      double allMicrosPerAttempt, double otherProcessesShare, Map<String, Double> benchMicrosPerAttemptByPart) {
    static final Cpu NONE = new Cpu(0, 0, 0, 0, 0, Map.of());
  }

  /**
   * Events × fan-out must equal unique 2xx deliveries + dead letters − pairs that are both (answered 2xx
   * after the deliverer had given up on the attempt), with nothing missing, or the run is void.
   */
  public record Ledger(long events, long failedToProduce, long expected, long delivered, long deadLettered,
      long deliveredAndDeadLettered, long missing, long duplicates, boolean balanced) {}

  /**
   * @param cpuSecondsByThreadGroup where the JVM's CPU went, by thread (Linux names: at most 15 characters)
   * @param retryLateness the deliverer's own measure, due time to the attempt's start
   * @param deferralsByReason deliveries it parked in a retry topic without an attempt, by reason ("-" for none): each
   *     one is a record written and read again
   */
  public record Deliverer(int index, long pid, long attempts, String attemptsByOutcome, double cpuSeconds, double peakHeapUsedMiB,
      double peakHeapCommittedMiB, double peakLiveAfterGcMiB, java.util.Map<String, Double> cpuSecondsByThreadGroup,
      RetryLateness retryLateness, String deferralsByReason) {}

  /** Retries a deliverer started, and how late after their due time (quantiles at histogram bucket edges). */
  public record RetryLateness(long count, long p50Millis, long p99Millis) {
    static final RetryLateness NONE = new RetryLateness(0, 0, 0);

    /** The form {@code DelivererMain} prints: "count,p50,p99". */
    static RetryLateness parse(String text) {
      String[] f = text.split(",");
      return f.length == 3 ? new RetryLateness(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])) : NONE;
    }
  }

  /** Retries seen by the failing endpoints: lateness = arrival − (previous 503 + scheduled delay). */
  public record Retries(long measured, long early, double p50LatenessMillis, double p99LatenessMillis, double maxLatenessMillis,
      List<RetryAttempt> byAttempt) {}

  /** Lateness of the retries that were attempt {@code attempt} (the first retry is attempt 2). */
  public record RetryAttempt(int attempt, long measured, double p50LatenessMillis, double p99LatenessMillis,
      double maxLatenessMillis) {}

  public record Target(String name, String goal, String actual, boolean met) {}
}
