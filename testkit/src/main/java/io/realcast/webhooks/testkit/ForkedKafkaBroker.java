package io.realcast.webhooks.testkit;

import io.realcast.webhooks.kafka.embedded.BrokerMain;
import io.realcast.webhooks.kafka.embedded.BrokerOptions;
import io.realcast.webhooks.kafka.embedded.FreePorts;
import io.realcast.webhooks.kafka.embedded.internal.BrokerCommandLine;
import io.realcast.webhooks.kafka.embedded.internal.BrokerReadiness;
import io.realcast.webhooks.kafka.embedded.internal.BrokerSettings;
import io.realcast.webhooks.kafka.embedded.internal.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker in a child JVM ({@link BrokerMain}), so a test can kill it with SIGKILL and bring
 * it back on the same data directory and ports. Ports of 0 are picked once, at construction, and kept for
 * every restart. The child's output is appended to {@link #logFile()}, next to the data directory.
 */
public final class ForkedKafkaBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ForkedKafkaBroker.class);
  private static final List<String> CHILD_JVM_OPTIONS = List.of(
      "-Xmx512m",
      // C1 only: starts about a second sooner on two cores; a test broker needs no C2.
      "-XX:TieredStopAtLevel=1",
      "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

  private final BrokerOptions childOptions;
  private final Path temporaryRoot;
  private final ChildProcess child;
  private boolean closed;

  public ForkedKafkaBroker(BrokerOptions options) {
    temporaryRoot = options.dataDirectory().isPresent() ? null : createTemporaryRoot();
    Path dataDirectory = options.dataDirectory().orElseGet(() -> temporaryRoot.resolve("data")).toAbsolutePath();
    int brokerPort = FreePorts.resolve(options.brokerPort(), options.controllerPort());
    int controllerPort = FreePorts.resolve(options.controllerPort(), brokerPort);
    childOptions = options.toBuilder().dataDirectory(dataDirectory).brokerPort(brokerPort).controllerPort(controllerPort).build();
    String[] arguments = BrokerCommandLine.toArguments(
        new BrokerCommandLine.Command(childOptions, OptionalLong.of(ProcessHandle.current().pid()))).toArray(String[]::new);
    child = ChildProcess.builder("forked Kafka broker", ChildProcess.java(CHILD_JVM_OPTIONS, BrokerMain.class.getName(), arguments))
        .directory(dataDirectory.getParent()).log(dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log")).build();
  }

  /** Launches the child JVM and returns once the broker serves requests. */
  public synchronized ForkedKafkaBroker start() {
    if (closed || isAlive()) {
      throw new IllegalStateException("the forked broker is closed or already running");
    }
    child.start();
    log.info("Forked Kafka broker pid {} on {}, log {}", child.pid(), bootstrapServers(), logFile());
    try {
      BrokerReadiness.awaitServing(childOptions.brokerPort(), childOptions.startTimeout(), this::failIfExited);
    } catch (RuntimeException e) {
      child.kill(); // do not leave a half-started child holding the ports
      throw e;
    }
    return this;
  }

  /** SIGKILL to exactly this child process, then waits until it is gone. No shutdown runs. */
  public synchronized void kill() {
    log.info("Killing forked Kafka broker pid {} with SIGKILL", child.pid());
    child.kill();
  }

  /** SIGTERM, so the broker shuts down cleanly; SIGKILL if it has not exited in time. */
  public synchronized void stop() {
    child.stop();
  }

  /** Stops the child if it runs, then starts a new one on the same data directory and ports. */
  public synchronized ForkedKafkaBroker restart() {
    stop();
    return start();
  }

  /** The pid of the child last launched, alive or not. */
  public synchronized long pid() {
    return child.pid();
  }

  public synchronized boolean isAlive() {
    return child.isAlive();
  }

  public String bootstrapServers() {
    return BrokerSettings.HOST + ":" + childOptions.brokerPort();
  }

  public int brokerPort() {
    return childOptions.brokerPort();
  }

  public int controllerPort() {
    return childOptions.controllerPort();
  }

  public Path dataDirectory() {
    return childOptions.dataDirectory().orElseThrow();
  }

  public Path logFile() {
    return child.logFile();
  }

  /** Stops the child if it runs, and deletes the data of a temporary broker. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    child.stop();
    if (temporaryRoot != null) {
      DataDirectory.deleteRecursively(temporaryRoot);
    }
  }

  private void failIfExited() {
    if (!child.isAlive()) {
      throw new IllegalStateException("forked broker exited with code " + child.exitCode() + " before serving; end of "
          + logFile() + ":\n" + child.tail());
    }
  }

  private static Path createTemporaryRoot() {
    try {
      return Files.createTempDirectory("realcast-forked-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary broker directory", e);
    }
  }
}
