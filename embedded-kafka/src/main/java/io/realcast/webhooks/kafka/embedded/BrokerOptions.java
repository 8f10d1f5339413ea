package io.realcast.webhooks.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * How to run a single-node KRaft broker. Immutable; build with {@link #builder()}.
 *
 * @param dataDirectory where the logs and the cluster id live; empty means a fresh temporary
 *     directory that is deleted on close, present means a directory that is kept and reused
 * @param brokerPort client listener port on 127.0.0.1; 0 picks a free one
 * @param controllerPort KRaft controller listener port on 127.0.0.1; 0 picks a free one
 * @param defaultPartitions {@code num.partitions} for topics created without a count
 * @param autoCreateTopics {@code auto.create.topics.enable}; off so a missing topic is a bug
 * @param startTimeout how long {@code start()} waits for the broker to serve requests
 * @param brokerOverrides extra broker settings, applied last (not the listener or role settings)
 */
public record BrokerOptions(
    Optional<Path> dataDirectory,
    int brokerPort,
    int controllerPort,
    int defaultPartitions,
    boolean autoCreateTopics,
    Duration startTimeout,
    Map<String, String> brokerOverrides) {

  public static final int DEFAULT_PARTITIONS = 3;
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

  /** Settings that describe the node itself; the broker derives them from the fields above. */
  static final Set<String> RESERVED_SETTINGS =
      Set.of(
          "process.roles",
          "node.id",
          "listeners",
          "advertised.listeners",
          "controller.listener.names",
          "controller.quorum.voters",
          "controller.quorum.bootstrap.servers",
          "listener.security.protocol.map",
          "inter.broker.listener.name",
          "log.dir",
          "log.dirs",
          "metadata.log.dir");

  public BrokerOptions {
    brokerOverrides = Map.copyOf(brokerOverrides);
    List<String> errors = validate(brokerPort, controllerPort, defaultPartitions, startTimeout);
    brokerOverrides.keySet().stream()
        .filter(RESERVED_SETTINGS::contains)
        .sorted()
        .forEach(key -> errors.add("brokerOverrides must not set " + key));
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid broker options: " + String.join("; ", errors));
    }
  }

  public static BrokerOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder preset with these options, to change one of them. */
  public Builder toBuilder() {
    Builder builder =
        new Builder()
            .brokerPort(brokerPort)
            .controllerPort(controllerPort)
            .defaultPartitions(defaultPartitions)
            .autoCreateTopics(autoCreateTopics)
            .startTimeout(startTimeout);
    dataDirectory.ifPresent(builder::dataDirectory);
    brokerOverrides.forEach(builder::brokerOverride);
    return builder;
  }

  private static List<String> validate(
      int brokerPort, int controllerPort, int defaultPartitions, Duration startTimeout) {
    List<String> errors = new ArrayList<>();
    if (brokerPort < 0 || brokerPort > 65_535) {
      errors.add("brokerPort " + brokerPort + " is not 0..65535");
    }
    if (controllerPort < 0 || controllerPort > 65_535) {
      errors.add("controllerPort " + controllerPort + " is not 0..65535");
    }
    if (brokerPort != 0 && brokerPort == controllerPort) {
      errors.add("brokerPort and controllerPort are both " + brokerPort);
    }
    if (defaultPartitions < 1) {
      errors.add("defaultPartitions " + defaultPartitions + " is below 1");
    }
    if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
      errors.add("startTimeout " + startTimeout + " is not positive");
    }
    return errors;
  }

  /** Builder with the defaults of a test broker. */
  public static final class Builder {
    private Path dataDirectory;
    private int brokerPort;
    private int controllerPort;
    private int defaultPartitions = DEFAULT_PARTITIONS;
    private boolean autoCreateTopics;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private final Map<String, String> brokerOverrides = new TreeMap<>();

    private Builder() {}

    /** Keeps the broker's data in {@code directory} across runs instead of a temporary one. */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = directory;
      return this;
    }

    public Builder brokerPort(int port) {
      this.brokerPort = port;
      return this;
    }

    public Builder controllerPort(int port) {
      this.controllerPort = port;
      return this;
    }

    public Builder defaultPartitions(int partitions) {
      this.defaultPartitions = partitions;
      return this;
    }

    public Builder autoCreateTopics(boolean enabled) {
      this.autoCreateTopics = enabled;
      return this;
    }

    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    public Builder brokerOverride(String key, String value) {
      brokerOverrides.put(key, value);
      return this;
    }

    public BrokerOptions build() {
      return new BrokerOptions(
          Optional.ofNullable(dataDirectory),
          brokerPort,
          controllerPort,
          defaultPartitions,
          autoCreateTopics,
          startTimeout,
          brokerOverrides);
    }
  }
}
