package io.realcast.webhooks.tools.demo;

import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Sends the demo's logs (five services and a broker: thousands of lines a minute) to {@code demo.log} in the
 * data directory, so the terminal shows the URLs and the progress line. Must run before the first logger
 * is created; an operator's own {@code org.slf4j.simpleLogger.logFile} wins.
 */
public final class DemoLogging {
  static final String FILE = "demo.log";
  private static final String LOG_FILE = "org.slf4j.simpleLogger.logFile";

  private DemoLogging() {}

  /** The log file, or empty if logging was configured otherwise (or the directory cannot be created). */
  public static Optional<Path> toFileUnderDataDir(ConfigSource source) {
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
