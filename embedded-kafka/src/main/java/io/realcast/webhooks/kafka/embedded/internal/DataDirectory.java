package io.realcast.webhooks.kafka.embedded.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * A broker's directory: {@code cluster.id}, the {@code server.properties} it last ran with, and the
 * Kafka log directory (partitions and the KRaft metadata log) under {@code kraft-logs}.
 */
public final class DataDirectory {
  private static final String CLUSTER_ID_FILE = "cluster.id";
  private static final String LOG_DIRECTORY = "kraft-logs";
  private static final String META_PROPERTIES = "meta.properties";

  private final Path root;
  private final boolean temporary;

  private DataDirectory(Path root, boolean temporary) {
    this.root = root;
    this.temporary = temporary;
  }

  /** A fresh directory, deleted by {@link #deleteIfTemporary()}. */
  public static DataDirectory temporary() {
    try {
      return new DataDirectory(Files.createTempDirectory("realcast-kafka-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary broker directory", e);
    }
  }

  /** A directory that is kept; created if missing, reused as it is if already formatted. */
  public static DataDirectory kept(Path root) {
    try {
      return new DataDirectory(Files.createDirectories(root.toAbsolutePath()), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create broker directory " + root, e);
    }
  }

  public Path root() {
    return root;
  }

  public Path logDirectory() {
    return root.resolve(LOG_DIRECTORY);
  }

  public Path serverProperties() {
    return root.resolve("server.properties");
  }

  /** Formatting writes meta.properties last, so its presence means a complete format. */
  public boolean isFormatted() {
    return Files.isRegularFile(logDirectory().resolve(META_PROPERTIES));
  }

  /** The id this directory was (or will be) formatted with; created and saved on first use. */
  public String clusterId() {
    Path file = root.resolve(CLUSTER_ID_FILE);
    try {
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      String id = formattedClusterId().orElseGet(() -> Uuid.randomUuid().toString());
      Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  private Optional<String> formattedClusterId() throws IOException {
    if (!isFormatted()) {
      return Optional.empty();
    }
    Properties meta = new Properties();
    try (InputStream in = Files.newInputStream(logDirectory().resolve(META_PROPERTIES))) {
      meta.load(in);
    }
    return Optional.ofNullable(meta.getProperty("cluster.id"));
  }

  public void deleteIfTemporary() {
    if (temporary) {
      deleteRecursively(root);
    }
  }

  public static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      paths.sorted(Comparator.reverseOrder()).forEach(DataDirectory::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
