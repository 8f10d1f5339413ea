package io.realcast.webhooks.bench.model;

import java.util.Map;

/**
 * What the model says a workload needs.
 *
 * @param deliverersForCpu instances the attempts' CPU needs at the target utilization
 * @param deliverersForInFlight instances the requests in flight need (slow endpoints hold slots)
 * @param deliverers the larger of the two
 * @param utilization the deliverers' utilization with that many instances
 * @param inFlight requests in flight over all instances (Little's law)
 * @param routers router instances
 * @param partitions REALCAST_TOPIC_PARTITIONS: a multiple of 12, at least twice the instances of either group, and enough
 *     for the bytes per partition
 * @param brokerCores broker cores the traffic needs (all replicas)
 * @param brokers brokers for CPU and disk, at least the replication factor
 * @param retainedBytes bytes on disk over the retention period, all replicas, by topic
 * @param lagThreshold KEDA's lagThreshold for one deliverer: its planned rate × the drain target
 * @param arrivalP50Millis p50 from the event to its arrival at the endpoint
 * @param arrivalP99Millis p99 from the event to its arrival at the endpoint
 * @param answeredP99Millis p99 from the event to the endpoint's answer (its own latency included)
 */
public record Plan(double deliveriesPerSecond, double attemptsPerSecond, int deliverersForCpu, int deliverersForInFlight,
    int deliverers, double utilization, double inFlight, int routers, int partitions, double brokerCores, int brokers,
    Map<String, Double> retainedBytes, long lagThreshold, double arrivalP50Millis, double arrivalP99Millis,
    double answeredP99Millis) {

  public double totalRetainedBytes() {
    return retainedBytes.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
