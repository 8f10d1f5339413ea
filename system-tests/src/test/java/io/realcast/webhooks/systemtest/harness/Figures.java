package io.realcast.webhooks.systemtest.harness;

import io.realcast.webhooks.testkit.Ledger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one scenario run, written to {@code target/reliability/<scenario>.properties}; after each
 * write, {@link ReliabilityDoc} renders every figure file present into {@code target/reliability/RELIABILITY.md}.
 */
public final class Figures {
  private final ScenarioInfo scenario;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final long startNanos = System.nanoTime();

  public Figures(ScenarioInfo scenario) {
    this.scenario = scenario;
  }

  public static Path directory() {
    return Path.of(System.getProperty("realcast.reliability.dir", "target/reliability"));
  }

  public Figures put(String key, Object value) {
    values.put(key, String.valueOf(value));
    return this;
  }

  public Figures ledger(Ledger.Report report) {
    put("events", report.events());
    put("deliveries expected", report.expected());
    put("delivered", report.delivered());
    put("duplicates", report.duplicates());
    put("missing", report.missing().size());
    put("unexpected", report.unexpected().size());
    put("dead letters", report.deadLetters());
    put("unexplained dead letters", report.unexplainedDeadLetters().size());
    put("bad signatures", report.badSignatures());
    put("repeats with other bytes", report.changedRepeats().size());
    return this;
  }

  /** Writes the figures (with the run's duration and time) and regenerates the document. */
  public void write() {
    put("run seconds", Duration.ofNanos(System.nanoTime() - startNanos).toSeconds());
    put("run at", Instant.now().truncatedTo(ChronoUnit.SECONDS));
    StringBuilder text = new StringBuilder();
    values.forEach((k, v) -> text.append(k.replace(" ", "\\ ")).append('=').append(v.replace("\n", " ")).append('\n'));
    try {
      Files.createDirectories(directory());
      Files.writeString(directory().resolve(scenario.id() + ".properties"), text, StandardCharsets.UTF_8);
      ReliabilityDoc.write(directory());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
