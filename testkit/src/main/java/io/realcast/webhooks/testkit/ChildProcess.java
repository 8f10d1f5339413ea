package io.realcast.webhooks.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program a test starts as a child process (a service or a broker in its own JVM, node, php, prometheus):
 * its output appended to one log file across restarts, stopped by its own PID only. {@link #kill()} is SIGKILL,
 * {@link #stop()} SIGTERM with a bounded wait; {@link #start()} again relaunches the same command.
 *
 * <pre>{@code
 * ChildProcess router = ChildProcess.builder("router", ChildProcess.java(List.of("-Xmx256m"), RealcastCli.class.getName(), "router"))
 *     .environment(Map.of("REALCAST_KAFKA_BOOTSTRAP", bootstrap)).dropInheritedEnvironment("REALCAST_").log(dir.resolve("router.log"))
 *     .start();
 * }</pre>
 */
public final class ChildProcess implements AutoCloseable {
  private static final Duration KILL_WAIT = Duration.ofSeconds(30);
  private static final int TAIL_LINES = 40;

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final String dropPrefix;
  private final Path directory;
  private final Path log;
  private final Duration stopTimeout;
  private final List<Long> pids = new ArrayList<>();
  private Process process;

  private ChildProcess(Builder b) {
    this.name = b.name;
    this.command = List.copyOf(b.command);
    this.environment = Map.copyOf(b.environment);
    this.dropPrefix = b.dropPrefix;
    this.directory = b.directory;
    this.log = b.log;
    this.stopTimeout = b.stopTimeout;
  }

  public static Builder builder(String name, List<String> command) {
    return new Builder(name, command);
  }

  /**
   * {@code java <options> -cp <this JVM's class path> <mainClass> <arguments>}: a child JVM that sees the same
   * classes as the test.
   */
  public static List<String> java(List<String> jvmOptions, String mainClass, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(arguments));
    return command;
  }

  /** What a program that ran to its end printed, and its exit code. */
  public record Result(int exitCode, String output) {}

  /** Runs {@code command} in {@code directory} to its end (at most {@code timeout}) and returns its exit code and output. */
  public static Result run(List<String> command, Path directory, Duration timeout) throws IOException {
    Path log = Files.createTempFile("realcast-run", ".log");
    try (ChildProcess p = builder(command.get(0), command).directory(directory).log(log).start()) {
      if (!p.waitForExit(timeout)) {
        throw new IllegalStateException(command + " did not finish in " + timeout + ":\n" + p.tail());
      }
      return new Result(p.exitCode(), p.output());
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Launches the command (again, after a kill or stop). */
  public synchronized ChildProcess start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running as pid " + process.pid());
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    if (dropPrefix != null) {
      builder.environment().keySet().removeIf(key -> key.startsWith(dropPrefix));
    }
    builder.environment().putAll(environment);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Files.writeString(log, "---- " + Instant.now() + " launching " + name + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch " + name + " (" + command.get(0) + ")", e);
    }
    pids.add(process.pid());
    return this;
  }

  /** SIGKILL to this process only, then waits until it is gone: no shutdown hook runs. */
  public synchronized void kill() {
    if (process != null && process.isAlive()) {
      if (!waitFor(process.destroyForcibly(), KILL_WAIT)) {
        throw new IllegalStateException(name + " (pid " + process.pid() + ") did not exit " + KILL_WAIT + " after SIGKILL");
      }
    }
  }

  /** SIGTERM only, as Ctrl-C or an orchestrator would send it; {@link #waitForExit} tells how long it took. */
  public synchronized void terminate() {
    if (process != null) {
      process.destroy();
    }
  }

  /** SIGTERM (a clean shutdown), SIGKILL if it has not exited within the stop timeout. */
  public synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!waitFor(process, stopTimeout)) {
        kill();
      }
    }
  }

  /** Waits until the log contains {@code text}; fails with the log's tail if the process exits or time runs out. */
  public void awaitOutput(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!output().contains(text)) {
      if (!isAlive()) {
        throw new IllegalStateException(name + " exited with " + exitCode() + " before printing \"" + text + "\":\n" + tail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not print \"" + text + "\" within " + timeout + ":\n" + tail());
      }
      Thread.sleep(50); // polling a file, with a deadline
    }
  }

  /** Waits for the process to exit; true if it did within {@code timeout}. */
  public boolean waitForExit(Duration timeout) {
    Process p;
    synchronized (this) {
      p = process;
    }
    return p == null || waitFor(p, timeout);
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException(name + " has not been started");
    }
    return process.pid();
  }

  /** Every PID this child has run as, oldest first: one entry means it never restarted. */
  public synchronized List<Long> pids() {
    return List.copyOf(pids);
  }

  public synchronized int exitCode() {
    return process.exitValue();
  }

  public String name() {
    return name;
  }

  public Map<String, String> environment() {
    return environment;
  }

  public Path logFile() {
    return log;
  }

  /** The whole log, every launch. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** The last lines of the log, for failure messages. */
  public String tail() {
    return tail(TAIL_LINES);
  }

  public String tail(int lines) {
    List<String> all = output().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    Process p = process;
    return name + (p == null ? "" : "[pid " + p.pid() + "]");
  }

  private static boolean waitFor(Process p, Duration timeout) {
    try {
      return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What to run, where its output goes, and how long a clean stop may take. */
  public static final class Builder {
    private final String name;
    private final List<String> command;
    private final Map<String, String> environment = new HashMap<>();
    private String dropPrefix;
    private Path directory;
    private Path log;
    private Duration stopTimeout = Duration.ofSeconds(30);

    private Builder(String name, List<String> command) {
      this.name = name;
      this.command = command;
    }

    public Builder environment(Map<String, String> variables) {
      environment.putAll(variables);
      return this;
    }

    /** Removes inherited variables starting with {@code prefix}, so the child sees only what the test gives it. */
    public Builder dropInheritedEnvironment(String prefix) {
      this.dropPrefix = prefix;
      return this;
    }

    public Builder directory(Path dir) {
      this.directory = dir;
      return this;
    }

    /** The file stdout and stderr are appended to (required). */
    public Builder log(Path file) {
      this.log = file;
      return this;
    }

    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = timeout;
      return this;
    }

    /** The child, not yet running. */
    public ChildProcess build() {
      if (log == null) {
        throw new IllegalStateException("a child process needs a log file");
      }
      return new ChildProcess(this);
    }

    /** Builds and launches. */
    public ChildProcess start() {
      return build().start();
    }
  }
}
