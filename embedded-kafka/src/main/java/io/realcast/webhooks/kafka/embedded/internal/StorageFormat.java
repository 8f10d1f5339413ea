package io.realcast.webhooks.kafka.embedded.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes server.properties and formats the KRaft storage the way {@code kafka-storage.sh} does. */
public final class StorageFormat {
  private static final Logger log = LoggerFactory.getLogger(StorageFormat.class);

  private StorageFormat() {}

  /** Formats {@code directory} unless it is formatted already: reformatting would lose its data. */
  public static void formatIfNeeded(DataDirectory directory, Map<String, String> settings) {
    writeServerProperties(directory.serverProperties(), settings);
    if (directory.isFormatted()) {
      log.debug("Reusing formatted broker directory {}", directory.root());
      return;
    }
    String clusterId = directory.clusterId();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      String[] args = {
        "format", "--config", directory.serverProperties().toString(), "--cluster-id", clusterId
      };
      exitCode = StorageTool.execute(args, out);
    }
    String printed = output.toString(StandardCharsets.UTF_8).strip();
    if (exitCode != 0 || !directory.isFormatted()) {
      throw new IllegalStateException(
          "formatting " + directory.logDirectory() + " failed (exit " + exitCode + "): " + printed);
    }
    log.info("Formatted broker directory {} for cluster {}", directory.root(), clusterId);
    log.debug("kafka-storage format said: {}", printed);
  }

  private static void writeServerProperties(Path file, Map<String, String> settings) {
    Properties properties = new Properties();
    properties.putAll(settings);
    try (OutputStream out = Files.newOutputStream(file)) {
      properties.store(out, "written by realcast-embedded-kafka at each start");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
