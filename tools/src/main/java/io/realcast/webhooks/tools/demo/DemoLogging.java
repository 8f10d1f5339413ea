package io.realcast.webhooks.tools.demo;

import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Sends the demo's logs (five services and a broker) to {@code demo.log} in the data directory, so the terminal
 * shows the URLs and the progress line, and keeps the log readable: the Kafka, Vert.x and Netty clients' chatter
 * (configuration dumps, "Seeking to offset" several times a second) at WARN, our own events at INFO. Must run
 * before the first logger is created; an operator's own {@code org.slf4j.simpleLogger.*} settings win.
 */
public final class DemoLogging {
  static final String FILE = "demo.log";
  private static final String PREFIX = "org.slf4j.simpleLogger.";
  private static final String LOG_FILE = PREFIX + "logFile";
  /** Loggers of the libraries the demo runs; {@code kafka} and {@code state.change.logger} are the broker's. */
  static final List<String> CLIENTS_AT_WARN = List.of("org.apache.kafka", "kafka", "state.change.logger", "io.vertx", "io.netty",
      "io.micrometer");

  private DemoLogging() {}

  /** The log file, or empty if logging was configured otherwise (or the directory cannot be created). */
  public static Optional<Path> toFileUnderDataDir(ConfigSource source) {
    for (String logger : CLIENTS_AT_WARN) {
      if (System.getProperty(PREFIX + "log." + logger) == null) {
        System.setProperty(PREFIX + "log." + logger, "warn");
      }
    }
    if (System.getProperty(LOG_FILE) != null) {
      return Optional.empty();
    }
    Path dir = Path.of(new ConfigReader(source).get(DemoSettings.DATA_DIR)).toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      return Optional.empty();
    }
    Path file = dir.resolve(FILE);
    System.setProperty(LOG_FILE, file.toString());
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    return Optional.of(file);
  }
}
