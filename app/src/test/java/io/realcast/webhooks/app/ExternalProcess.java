package io.realcast.webhooks.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A program a test starts (node, prometheus, promtool), its output in a file, stopped by its own PID. */
public final class ExternalProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final String name;

  private ExternalProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static ExternalProcess start(List<String> command, Map<String, String> environment, Path directory, Path log) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    try {
      return new ExternalProcess(command.get(0), builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Runs to completion and returns its exit code and output. */
  public static Result run(List<String> command, Path directory, Duration timeout) throws Exception {
    Path log = Files.createTempFile("realcast-run", ".log");
    try (ExternalProcess p = start(command, Map.of(), directory, log)) {
      if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(command + " did not finish in " + timeout);
      }
      return new Result(p.process.exitValue(), p.output());
    } finally {
      Files.deleteIfExists(log);
    }
  }

  public record Result(int exitCode, String output) {}

  /** Waits until the output contains {@code text}; fails with the output if the process exits or time runs out. */
  public void awaitOutput(String text, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!output().contains(text)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + output());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(name + " did not print \"" + text + "\" within " + timeout + ":\n" + output());
      }
      Thread.sleep(100); // polling the log file with a deadline
    }
  }

  /** Waits for the process to exit; true if it did within {@code timeout}. */
  public boolean waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int exitCode() {
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
