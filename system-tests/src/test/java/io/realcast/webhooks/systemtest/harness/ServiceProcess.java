package io.realcast.webhooks.systemtest.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service ({@code realcast router|deliverer|api}) in its own JVM, configured only through environment
 * variables, its output appended to a log file. Stopped by its own PID: {@link #kill()} is SIGKILL,
 * {@link #stop()} is SIGTERM (a clean shutdown).
 */
public final class ServiceProcess {
  /** The heap the issue allows a service; small on purpose, so a leak shows as an OutOfMemoryError. */
  public static final String HEAP = "-Xmx256m";
  private static final List<String> JVM_OPTIONS = List.of(
      HEAP,
      // Serial GC and C1 only: fewer threads and a faster start on a shared two-core machine.
      "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
      "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
      "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn");

  private final String name;
  private final String command;
  private final Map<String, String> environment;
  private final Path logFile;
  private final int metricsPort;
  private Process process;
  private final List<Long> pids = new ArrayList<>();

  private ServiceProcess(String name, String command, Map<String, String> environment, Path logFile, int metricsPort) {
    this.name = name;
    this.command = command;
    this.environment = Map.copyOf(environment);
    this.logFile = logFile;
    this.metricsPort = metricsPort;
  }

  /** Launches {@code java … RealcastCli <command>} with {@code environment} (any inherited REALCAST_ variable removed). */
  public static ServiceProcess launch(String name, String command, Map<String, String> environment, Path logDir,
      int metricsPort) {
    ServiceProcess service = new ServiceProcess(name, command, environment, logDir.resolve(name + ".log"), metricsPort);
    service.start();
    return service;
  }

  /** Starts a new JVM with the same command, environment and log file (after a kill or stop). */
  public synchronized void start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running as pid " + process.pid());
    }
    List<String> commandLine = new ArrayList<>();
    commandLine.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    commandLine.addAll(JVM_OPTIONS);
    commandLine.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.realcast.webhooks.app.RealcastCli", command));
    ProcessBuilder builder = new ProcessBuilder(commandLine).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().keySet().removeIf(key -> key.startsWith("REALCAST_"));
    builder.environment().putAll(environment);
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(logFile, "==== launching " + name + " (" + command + ")\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch " + name, e);
    }
    pids.add(process.pid());
  }

  /** SIGKILL to this process only, then waits until it is gone: no shutdown hook runs. */
  public synchronized void kill() {
    if (process != null && process.isAlive()) {
      waitFor(process.destroyForcibly(), 30);
    }
  }

  /** SIGTERM (clean shutdown), SIGKILL if it has not exited after 40 seconds. */
  public synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!waitFor(process, 40)) {
        waitFor(process.destroyForcibly(), 30);
      }
    }
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    return process.pid();
  }

  /** Every PID this service has run as, oldest first: one entry means it never restarted. */
  public synchronized List<Long> pids() {
    return List.copyOf(pids);
  }

  public String name() {
    return name;
  }

  public Map<String, String> environment() {
    return environment;
  }

  public int metricsPort() {
    return metricsPort;
  }

  public Path logFile() {
    return logFile;
  }

  /** The last lines of the log, for failure messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log: " + e + ")";
    }
  }

  private static boolean waitFor(Process p, int seconds) {
    try {
      return p.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return name + (process == null ? "" : "[pid " + process.pid() + "]");
  }
}
