package io.realcast.webhooks.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of this repository that tests read: the documented examples and the example receivers. */
public final class RepositoryFiles {
  private RepositoryFiles() {}

  /** The nearest directory upwards from the working directory (a module's, under Maven) that holds {@code mvnw}. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolve("common"))) {
        return d;
      }
    }
    throw new IllegalStateException("no repository root (a directory with mvnw and common/) above " + dir);
  }

  /** A file or directory by its path from the repository root, e.g. {@code docs/RECEIVING.md}. */
  public static Path path(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException(relative + " is missing from the repository (looked at " + p + ")");
    }
    return p;
  }
}
