package io.realcast.webhooks.systemtest.harness;

import io.realcast.webhooks.testkit.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One service ({@code realcast router|deliverer|api}) in its own JVM, configured only through environment
 * variables, launched by the test kit's {@link ChildProcess}; {@link #metricsPort()} is where its /health answers.
 * {@link #kill()} is SIGKILL, {@link #stop()} SIGTERM (a clean shutdown), {@link #start()} relaunches it.
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
  private static final String CLI = "io.realcast.webhooks.app.RealcastCli";

  private final ChildProcess process;
  private final int metricsPort;

  private ServiceProcess(ChildProcess process, int metricsPort) {
    this.process = process;
    this.metricsPort = metricsPort;
  }

  /** Launches {@code java … RealcastCli <command>} with {@code environment} (any inherited REALCAST_ variable removed). */
  public static ServiceProcess launch(String name, String command, Map<String, String> environment, Path logDir, int metricsPort) {
    ChildProcess process = ChildProcess.builder(name, ChildProcess.java(JVM_OPTIONS, CLI, command))
        .environment(environment).dropInheritedEnvironment("REALCAST_").log(logDir.resolve(name + ".log"))
        .stopTimeout(Duration.ofSeconds(40)).start();
    return new ServiceProcess(process, metricsPort);
  }

  /** Starts a new JVM with the same command, environment and log file (after a kill or stop). */
  public void start() {
    process.start();
  }

  /** SIGKILL to this process only, then waits until it is gone: no shutdown hook runs. */
  public void kill() {
    process.kill();
  }

  /** SIGTERM (clean shutdown), SIGKILL if it has not exited after 40 seconds. */
  public void stop() {
    process.stop();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Every PID this service has run as, oldest first: one entry means it never restarted. */
  public List<Long> pids() {
    return process.pids();
  }

  public String name() {
    return process.name();
  }

  public Map<String, String> environment() {
    return process.environment();
  }

  public int metricsPort() {
    return metricsPort;
  }

  public Path logFile() {
    return process.logFile();
  }

  /** The last lines of the log, for failure messages. */
  public String logTail(int lines) {
    return process.tail(lines);
  }

  @Override
  public String toString() {
    return process.toString();
  }
}
