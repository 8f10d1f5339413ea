package io.realcast.webhooks.kafka.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/** The file a forked broker's output is appended to, across restarts. */
public final class ChildLog {
  private static final int TAIL_LINES = 40;

  private final Path file;

  public ChildLog(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** A separator line, so each launch in the file can be told apart. */
  public void mark(String event) {
    String line = "---- " + Instant.now() + " " + event + System.lineSeparator();
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The last lines, for an error message when the child died. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
