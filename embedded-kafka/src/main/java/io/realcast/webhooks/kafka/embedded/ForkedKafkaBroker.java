package io.realcast.webhooks.kafka.embedded;

import io.realcast.webhooks.kafka.embedded.internal.BrokerCommandLine;
import io.realcast.webhooks.kafka.embedded.internal.BrokerReadiness;
import io.realcast.webhooks.kafka.embedded.internal.BrokerSettings;
import io.realcast.webhooks.kafka.embedded.internal.ChildLog;
import io.realcast.webhooks.kafka.embedded.internal.DataDirectory;
import io.realcast.webhooks.kafka.embedded.internal.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker in a child JVM ({@link BrokerMain}), so a test can kill it with
 * SIGKILL and bring it back on the same data directory and ports. Ports of 0 are picked once, at
 * construction, and kept for every restart. The child's stdout and stderr are appended to {@link
 * #logFile()}, next to the data directory.
 */
public final class ForkedKafkaBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ForkedKafkaBroker.class);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> CHILD_JVM_OPTIONS =
      List.of(
          "-Xmx512m",
          // C1 only: starts about a second sooner on two cores; a test broker needs no C2.
          "-XX:TieredStopAtLevel=1",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

  private final BrokerOptions childOptions;
  private final Path temporaryRoot;
  private final ChildLog childLog;
  private Process process;
  private boolean closed;

  public ForkedKafkaBroker(BrokerOptions options) {
    temporaryRoot = options.dataDirectory().isPresent() ? null : createTemporaryRoot();
    Path dataDirectory =
        options.dataDirectory().orElseGet(() -> temporaryRoot.resolve("data")).toAbsolutePath();
    int brokerPort = FreePorts.resolve(options.brokerPort(), options.controllerPort());
    int controllerPort = FreePorts.resolve(options.controllerPort(), brokerPort);
    childOptions =
        options.toBuilder()
            .dataDirectory(dataDirectory)
            .brokerPort(brokerPort)
            .controllerPort(controllerPort)
            .build();
    childLog = new ChildLog(dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log"));
  }

  /** Launches the child JVM and returns once the broker serves requests. */
  public synchronized ForkedKafkaBroker start() {
    if (closed || isAlive()) {
      throw new IllegalStateException("the forked broker is closed or already running");
    }
    process = launch();
    log.info(
        "Forked Kafka broker pid {} on {}, log {}", process.pid(), bootstrapServers(), logFile());
    try {
      BrokerReadiness.awaitServing(
          childOptions.brokerPort(), childOptions.startTimeout(), this::failIfExited);
    } catch (RuntimeException e) {
      // Do not leave a half-started child holding the ports.
      awaitExit(process.destroyForcibly());
      throw e;
    }
    return this;
  }

  /** SIGKILL to exactly this child process, then waits until it is gone. No shutdown runs. */
  public synchronized void kill() {
    Process running = requireLaunched();
    log.info("Killing forked Kafka broker pid {} with SIGKILL", running.pid());
    awaitExit(running.destroyForcibly());
  }

  /** SIGTERM, so the broker shuts down cleanly; SIGKILL if it has not exited in time. */
  public synchronized void stop() {
    Process running = requireLaunched();
    running.destroy();
    if (!waitFor(running)) {
      log.warn("Forked Kafka broker pid {} ignored SIGTERM; killing it", running.pid());
      awaitExit(running.destroyForcibly());
    }
  }

  /** Stops the child if it runs, then starts a new one on the same data directory and ports. */
  public synchronized ForkedKafkaBroker restart() {
    if (isAlive()) {
      stop();
    }
    return start();
  }

  /** The pid of the child last launched, alive or not. */
  public synchronized long pid() {
    return requireLaunched().pid();
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
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
    return childLog.file();
  }

  /** Stops the child if it runs, and deletes the data of a temporary broker. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (isAlive()) {
      stop();
    }
    if (temporaryRoot != null) {
      DataDirectory.deleteRecursively(temporaryRoot);
    }
  }

  private Process launch() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(CHILD_JVM_OPTIONS);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), BrokerMain.class.getName()));
    command.addAll(
        BrokerCommandLine.toArguments(
            new BrokerCommandLine.Command(
                childOptions, OptionalLong.of(ProcessHandle.current().pid()))));
    childLog.mark("launching " + BrokerMain.class.getSimpleName() + " for " + bootstrapServers());
    try {
      return new ProcessBuilder(command)
          .directory(logFile().getParent().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch the forked broker", e);
    }
  }

  private void failIfExited() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "forked broker exited with code "
              + process.exitValue()
              + " before serving; end of "
              + logFile()
              + ":\n"
              + childLog.tail());
    }
  }

  private Process requireLaunched() {
    if (process == null) {
      throw new IllegalStateException("the forked broker has not been started");
    }
    return process;
  }

  private static void awaitExit(Process process) {
    if (!waitFor(process)) {
      throw new IllegalStateException(
          "process " + process.pid() + " did not exit in " + EXIT_TIMEOUT);
    }
  }

  private static boolean waitFor(Process process) {
    try {
      return process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for process " + process.pid(), e);
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
