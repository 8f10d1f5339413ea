package io.realcast.webhooks.bench.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The measured figures the capacity model starts from: what one deliverer core and one router core carry, what the
 * broker spends and stores per delivery, and the pipeline's latency curve. Each comes from a run whose command and
 * machine load docs/CAPACITY.md names.
 *
 * @param delivererPerCpuSecond deliveries per CPU-second of a deliverer JVM (all its threads, the JIT compiler's left
 *     out: a long-running instance has finished compiling), from a capacity phase
 * @param delivererPeakHeapMiB the most heap one deliverer used in the run
 * @param routerPerCpuSecond deliveries per CPU-second of the router (router/README's benchmark; its figure includes the
 *     broker's CPU in the same JVM, so it is a floor)
 * @param brokerCpuSecondsPerThousand broker CPU-seconds per 1,000 deliveries, one replica: cores per 1,000 deliveries/s
 * @param bytes bytes on disk per delivery, by topic
 * @param curve the latency curve, ordered by utilization
 */
public record Measured(double delivererPerCpuSecond, double delivererPeakHeapMiB, double routerPerCpuSecond,
    double brokerCpuSecondsPerThousand, TopicBytes bytes, List<LatencyPoint> curve) {

  /** Deliveries per router CPU-second: docs/benchmarks/router.md, the `mixed` run after the stream-state change. */
  public static final double ROUTER_PER_CPU_SECOND = 37_224;

  public Measured {
    if (!(delivererPerCpuSecond > 0 && routerPerCpuSecond > 0 && brokerCpuSecondsPerThousand >= 0)) {
      throw new IllegalArgumentException("rates are positive");
    }
    curve = List.copyOf(curve);
    if (curve.isEmpty()) {
      throw new IllegalArgumentException("the latency curve needs at least one point");
    }
    for (int i = 1; i < curve.size(); i++) {
      if (curve.get(i).utilization() <= curve.get(i - 1).utilization()) {
        throw new IllegalArgumentException("the latency curve is ordered by utilization");
      }
    }
  }

  /**
   * The figures of a {@code realcast bench fanout} run ({@code docs/benchmarks/fanout.json}) and a broker measurement
   * ({@code docs/benchmarks/broker.json}, written by {@code bench/measure-broker.sh}).
   */
  public static Measured fromRuns(JsonNode fanout, JsonNode broker) {
    JsonNode capacity = phase(fanout, "capacity");
    double micros = capacity.path("cpu").path("delivererMicrosPerAttemptWithoutJit").asDouble();
    if (!(micros > 0)) {
      throw new IllegalArgumentException("the run has no deliverer CPU per attempt in its capacity phase");
    }
    double capacityRate = capacity.path("load").path("healthyPerSecond").asDouble();
    List<LatencyPoint> curve = new ArrayList<>();
    for (JsonNode p : fanout.path("phases")) {
      if (p.path("kind").asText().equals("latency") && p.path("name").asText().startsWith("fanout")) {
        double offered = p.path("load").path("offeredEventsPerSecond").asDouble() * fanout.path("shape").path("fanout").asDouble(10);
        curve.add(new LatencyPoint(offered / capacityRate, p.path("latency").path("p50Millis").asDouble(),
            p.path("latency").path("p99Millis").asDouble()));
      }
    }
    curve.sort((a, b) -> Double.compare(a.utilization(), b.utilization()));
    double heap = 0;
    for (JsonNode d : fanout.path("deliverers")) {
      heap = Math.max(heap, d.path("peakHeapUsedMiB").asDouble());
    }
    JsonNode b = broker.path("bytesPerDelivery");
    return new Measured(1e6 / micros, heap, ROUTER_PER_CPU_SECOND, broker.path("brokerCpuSecondsPerThousandDeliveries").asDouble(),
        new TopicBytes(b.path("events").asDouble(), b.path("deliveries").asDouble(), b.path("attempts").asDouble(),
            b.path("retry").asDouble(), b.path("dead").asDouble(), b.path("changelogs").asDouble()), curve);
  }

  /** The run's first phase of {@code kind} among the fan-out phases. */
  static JsonNode phase(JsonNode run, String kind) {
    for (JsonNode p : run.path("phases")) {
      if (p.path("kind").asText().equals(kind) && p.path("name").asText().startsWith("fanout")) {
        return p;
      }
    }
    throw new IllegalArgumentException("the run has no fanout " + kind + " phase");
  }
}
