package io.realcast.webhooks.bench.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.router.RouterConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * From measured per-core figures and a workload to instances, partitions, brokers, retained bytes and the expected
 * latency. Pure arithmetic; docs/CAPACITY.md explains each step and {@code realcast bench model} prints it.
 *
 * <p>Latency: the pipeline's own part (event → arrival at an endpoint that answers at once) is read off the measured
 * curve at the planned utilization: linear between measured points, and beyond the last one growing as a queue does,
 * with 1 / (1 − utilization). Its distribution is taken as a shifted exponential through the p50 and p99 read there;
 * an endpoint's own latency adds to it, so the p99 to the answer is the 99th percentile of that mixture.
 */
public final class CapacityModel {
  /** The model plans to use at most this share of an instance's in-flight limit. */
  static final double IN_FLIGHT_SHARE = 0.5;
  /** The router's changelogs keep about one duplicate window of event ids (REALCAST_ROUTER_DUPLICATE_WINDOW). */
  static final Duration CHANGELOG_WINDOW = Duration.ofDays(1);
  private static final int PARTITION_STEP = KafkaSettings.PARTITIONS.defaultValue();
  private static final int ROUTER_THREADS = RouterConfig.STREAM_THREADS.defaultValue();

  private CapacityModel() {}

  public static Plan plan(Measured m, Workload w, Assumptions a) {
    double deliveries = w.deliveriesPerSecond();
    double attempts = w.attemptsPerSecond();
    double perInstance = m.delivererPerCpuSecond() * a.delivererCores();
    int forCpu = ceil(attempts / (perInstance * a.targetUtilization()));
    double inFlight = inFlight(w);
    int forInFlight = ceil(inFlight / (a.maxInFlightPerInstance() * IN_FLIGHT_SHARE));
    int deliverers = Math.max(1, Math.max(forCpu, forInFlight));
    double utilization = attempts / (deliverers * perInstance);
    int routers = Math.max(1, ceil(deliveries / (m.routerPerCpuSecond() * a.routerCores() * a.targetUtilization())));

    Map<String, Double> bytesPerSecond = bytesPerSecond(m.bytes(), w);
    double busiestTopic = bytesPerSecond.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    int partitions = roundUp(Math.max(Math.max(2 * deliverers, 2 * routers * ROUTER_THREADS),
        ceil(busiestTopic / a.partitionBytesPerSecond())), PARTITION_STEP);

    Map<String, Double> retained = retained(bytesPerSecond, a);
    double total = retained.values().stream().mapToDouble(Double::doubleValue).sum();
    double brokerCores = deliveries / 1000 * m.brokerCpuSecondsPerThousand() * a.replication();
    int brokers = Math.max(a.replication(), Math.max(ceil(brokerCores / (a.brokerCores() * a.brokerTargetUtilization())),
        ceil(total / (a.brokerDiskBytes() * a.diskFillTarget()))));

    double[] pipeline = pipelineQuantiles(m.curve(), utilization);
    return new Plan(deliveries, attempts, forCpu, forInFlight, deliverers, utilization, inFlight, routers, partitions,
        brokerCores, brokers, retained, lagThreshold(m, a), pipeline[0], pipeline[1], answeredQuantile(pipeline, w.mix(), 0.99));
  }

  /** KEDA's lagThreshold: one instance's planned rate × the drain target, so n = lag ÷ threshold instances drain it in time. */
  public static long lagThreshold(Measured m, Assumptions a) {
    return Math.round(m.delivererPerCpuSecond() * a.delivererCores() * a.targetUtilization() * a.drainTarget().toNanos() / 1e9);
  }

  /** Requests in flight over all instances: each class's attempts per second × how long its endpoint takes (Little). */
  static double inFlight(Workload w) {
    double sum = 0;
    for (LatencyClass c : w.mix()) {
      sum += w.attemptsPerSecond() * c.share() * c.millis() / 1000;
    }
    return sum;
  }

  /** Bytes per second written to each topic (one replica). */
  static Map<String, Double> bytesPerSecond(TopicBytes b, Workload w) {
    double deliveries = w.deliveriesPerSecond();
    double failing = deliveries * w.failingShare();
    Map<String, Double> topics = new LinkedHashMap<>();
    topics.put("realcast.events", deliveries * b.events());
    topics.put("realcast.deliveries", deliveries * b.deliveries());
    topics.put("realcast.attempts", w.attemptsPerSecond() * b.attempts());
    topics.put("realcast.deliveries.retry.*", failing * (w.maxAttempts() - 1) * b.retry());
    topics.put("realcast.deliveries.dead", failing * b.dead());
    topics.put("router changelogs", deliveries * b.changelogs());
    return topics;
  }

  /** Bytes kept over the retention (the changelogs over the duplicate window), all replicas. */
  static Map<String, Double> retained(Map<String, Double> bytesPerSecond, Assumptions a) {
    Map<String, Double> retained = new LinkedHashMap<>();
    bytesPerSecond.forEach((topic, rate) -> {
      Duration kept = topic.endsWith("changelogs") ? CHANGELOG_WINDOW : a.retention();
      retained.put(topic, rate * kept.toSeconds() * a.replication());
    });
    return retained;
  }

  /** p50 and p99 (ms) of the pipeline's own latency at {@code utilization}, read off the measured curve. */
  static double[] pipelineQuantiles(List<LatencyPoint> curve, double utilization) {
    LatencyPoint first = curve.get(0);
    LatencyPoint last = curve.get(curve.size() - 1);
    if (utilization <= first.utilization()) {
      return new double[] {first.p50Millis(), first.p99Millis()};
    }
    if (utilization >= last.utilization()) {
      // Past what was measured: the queueing part grows with 1 / (1 − ρ); at ρ ≥ 1 the backlog grows without bound.
      double growth = utilization >= 1 ? Double.POSITIVE_INFINITY : (1 - last.utilization()) / (1 - utilization);
      return new double[] {last.p50Millis() * growth, last.p99Millis() * growth};
    }
    for (int i = 1; i < curve.size(); i++) {
      LatencyPoint hi = curve.get(i);
      if (utilization <= hi.utilization()) {
        LatencyPoint lo = curve.get(i - 1);
        double f = (utilization - lo.utilization()) / (hi.utilization() - lo.utilization());
        return new double[] {lo.p50Millis() + f * (hi.p50Millis() - lo.p50Millis()), lo.p99Millis() + f * (hi.p99Millis() - lo.p99Millis())};
      }
    }
    throw new IllegalStateException("unreachable: the curve is ordered");
  }

  /**
   * The {@code q} quantile (ms) of pipeline latency + endpoint latency: the pipeline's part is a shifted exponential
   * through its p50 and p99, each class of the mix adds its own latency.
   */
  static double answeredQuantile(double[] pipeline, List<LatencyClass> mix, double q) {
    if (Double.isInfinite(pipeline[1])) {
      return Double.POSITIVE_INFINITY;
    }
    double mean = (pipeline[1] - pipeline[0]) / Math.log(50); // p99 − p50 of an exponential = mean × ln(100 / 2)
    double shift = Math.max(0, pipeline[0] - mean * Math.log(2));
    double lo = 0;
    double hi = shift + 50 * mean + mix.stream().mapToDouble(LatencyClass::millis).max().orElse(0) + 1;
    // Strictly below 1 − q, by a relative hair: where a class's share is exactly 1 − q (1 % of endpoints slow), the
    // quantile is where that class begins, not wherever the faster classes' tail drops below double precision.
    double target = (1 - q) * (1 - 1e-9);
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (exceeding(mid, shift, mean, mix) >= target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  /** P(latency > t) for the mixture. */
  private static double exceeding(double t, double shift, double mean, List<LatencyClass> mix) {
    double p = 0;
    for (LatencyClass c : mix) {
      double x = t - c.millis() - shift;
      p += c.share() * (x < 0 ? 1 : mean == 0 ? 0 : Math.exp(-x / mean));
    }
    return p;
  }

  /** One latency phase of a run: what the model predicts from {@code reference} and what was measured. */
  public record Check(String phase, double utilization, double predictedP99Millis, double measuredP99Millis) {
    public double ratio() {
      return predictedP99Millis / measuredP99Millis;
    }

    public boolean within(double tolerance) {
      return Math.abs(ratio() - 1) <= tolerance;
    }
  }

  /**
   * Predicts the p99 of each fan-out latency phase of {@code run} (a {@code realcast bench} JSON) from the reference
   * figures, at the utilization the run's own capacity phase puts it at. Only the healthy fan-out phases: the curve is
   * the pipeline's own latency, and a noisy phase adds an endpoint mix the run does not name.
   */
  public static List<Check> check(Measured reference, JsonNode run) {
    double capacity = Measured.phase(run, "capacity").path("load").path("healthyPerSecond").asDouble();
    double fanOut = run.path("shape").path("fanout").asDouble(10);
    List<Check> checks = new ArrayList<>();
    for (JsonNode p : run.path("phases")) {
      if (p.path("kind").asText().equals("latency") && p.path("name").asText().startsWith("fanout")) {
        double utilization = p.path("load").path("offeredEventsPerSecond").asDouble() * fanOut / capacity;
        checks.add(new Check(p.path("name").asText(), utilization, pipelineQuantiles(reference.curve(), utilization)[1],
            p.path("latency").path("p99Millis").asDouble()));
      }
    }
    return checks;
  }

  private static int ceil(double x) {
    return (int) Math.ceil(x - 1e-9);
  }

  private static int roundUp(int n, int step) {
    return Math.max(step, (n + step - 1) / step * step);
  }
}
