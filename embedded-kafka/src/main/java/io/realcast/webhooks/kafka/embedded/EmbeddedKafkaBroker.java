package io.realcast.webhooks.kafka.embedded;

import io.realcast.webhooks.kafka.embedded.internal.BrokerReadiness;
import io.realcast.webhooks.kafka.embedded.internal.BrokerSettings;
import io.realcast.webhooks.kafka.embedded.internal.DataDirectory;
import io.realcast.webhooks.kafka.embedded.internal.StorageFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker (combined broker and controller) running in this JVM, bound to
 * 127.0.0.1 only. One instance runs once: {@link #start()}, then {@link #close()}; to come back on
 * the same data, start a new instance with the same kept {@link BrokerOptions#dataDirectory()}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  private final BrokerOptions options;
  private DataDirectory directory;
  private KafkaRaftServer server;
  private int brokerPort;
  private int controllerPort;
  private boolean closed;

  public EmbeddedKafkaBroker(BrokerOptions options) {
    this.options = options;
  }

  /** Formats storage if needed, starts the node and returns once it serves requests. */
  public synchronized EmbeddedKafkaBroker start() {
    if (server != null || closed) {
      throw new IllegalStateException("an EmbeddedKafkaBroker starts once");
    }
    long startedAt = System.nanoTime();
    directory =
        options.dataDirectory().map(DataDirectory::kept).orElseGet(DataDirectory::temporary);
    brokerPort = FreePorts.resolve(options.brokerPort(), options.controllerPort());
    controllerPort = FreePorts.resolve(options.controllerPort(), brokerPort);
    try {
      Map<String, String> settings =
          BrokerSettings.of(options, directory.logDirectory(), brokerPort, controllerPort);
      StorageFormat.formatIfNeeded(directory, settings);
      server = new KafkaRaftServer(new KafkaConfig(settings, false), Time.SYSTEM);
      server.startup();
      BrokerReadiness.awaitServing(brokerPort, options.startTimeout(), () -> {});
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    log.info(
        "Kafka broker serving on {} (controller port {}, data {}) after {} ms",
        bootstrapServers(),
        controllerPort,
        directory.root(),
        Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
    return this;
  }

  /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return BrokerSettings.HOST + ":" + brokerPort();
  }

  public synchronized int brokerPort() {
    requireStarted();
    return brokerPort;
  }

  public synchronized int controllerPort() {
    requireStarted();
    return controllerPort;
  }

  public synchronized Path dataDirectory() {
    requireStarted();
    return directory.root();
  }

  public synchronized String clusterId() {
    requireStarted();
    return directory.clusterId();
  }

  /** The minimum an admin (or any) client needs; add the rest where the client is built. */
  public Map<String, Object> adminProperties() {
    return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
  }

  /** Shuts the node down, waits for it, and deletes a temporary data directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (server != null) {
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka broker on {}:{} stopped", BrokerSettings.HOST, brokerPort);
      }
    } finally {
      if (directory != null) {
        directory.deleteIfTemporary();
      }
    }
  }

  private void requireStarted() {
    if (server == null) {
      throw new IllegalStateException("the broker has not been started");
    }
  }
}
