package io.realcast.webhooks.bench.model;

import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.deliverer.DelivererConfig;
import java.time.Duration;

/**
 * What the capacity model assumes rather than measures; docs/CAPACITY.md states each, and {@link #DEFAULTS} are the
 * values its tables use.
 *
 * @param targetUtilization the share of an instance's measured capacity it is planned to run at (headroom for bursts,
 *     rebalances, an instance lost)
 * @param delivererCores cores one deliverer instance is given (its Kubernetes CPU request)
 * @param maxInFlightPerInstance REALCAST_DELIVERER_MAX_IN_FLIGHT; the model plans to use at most half of it
 * @param routerCores cores one router instance is given
 * @param brokerCores cores of one broker
 * @param brokerTargetUtilization the share of a broker's CPU the plan may use
 * @param brokerDiskBytes usable disk of one broker
 * @param diskFillTarget the share of that disk the retained data may fill
 * @param partitionBytesPerSecond bytes per second one partition is planned to take (replication aside)
 * @param replication replication factor of every topic
 * @param retention how long topics keep records (the broker's and REALCAST_LOG_RETENTION's default: 7 days)
 * @param drainTarget how quickly KEDA should want a backlog drained: an instance's lag threshold is its rate × this
 */
public record Assumptions(double targetUtilization, double delivererCores, int maxInFlightPerInstance, double routerCores,
    int brokerCores, double brokerTargetUtilization, double brokerDiskBytes, double diskFillTarget,
    double partitionBytesPerSecond, int replication, Duration retention, Duration drainTarget) {

  /** The tables' assumptions; the in-flight limit and the retention are the services' defaults. */
  public static final Assumptions DEFAULTS = new Assumptions(0.7, 1, DelivererConfig.MAX_IN_FLIGHT.parser()
      .apply(DelivererConfig.MAX_IN_FLIGHT.defaultText()), 2, 8, 0.5, 4e12, 0.6, 5e6, 3,
      KafkaSettings.LOG_RETENTION.defaultValue(), Duration.ofSeconds(10));

  public Assumptions {
    if (!(targetUtilization > 0 && targetUtilization < 1 && brokerTargetUtilization > 0 && brokerTargetUtilization <= 1
        && diskFillTarget > 0 && diskFillTarget <= 1)) {
      throw new IllegalArgumentException("utilization targets are shares in (0, 1)");
    }
    if (!(delivererCores > 0 && routerCores > 0 && brokerCores > 0 && maxInFlightPerInstance > 0 && replication > 0
        && brokerDiskBytes > 0 && partitionBytesPerSecond > 0)) {
      throw new IllegalArgumentException("sizes are positive");
    }
  }

  public Assumptions withReplication(int factor) {
    return new Assumptions(targetUtilization, delivererCores, maxInFlightPerInstance, routerCores, brokerCores,
        brokerTargetUtilization, brokerDiskBytes, diskFillTarget, partitionBytesPerSecond, factor, retention, drainTarget);
  }

  public Assumptions withRetention(Duration period) {
    return new Assumptions(targetUtilization, delivererCores, maxInFlightPerInstance, routerCores, brokerCores,
        brokerTargetUtilization, brokerDiskBytes, diskFillTarget, partitionBytesPerSecond, replication, period, drainTarget);
  }
}
