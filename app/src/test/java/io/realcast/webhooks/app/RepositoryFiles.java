package io.realcast.webhooks.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root from a test's working directory (the module directory under Maven). */
public final class RepositoryFiles {
  private RepositoryFiles() {}

  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.exists(dir.resolve("docs/ARCHITECTURE.md")) && Files.exists(dir.resolve("mvnw"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("not inside the repository: " + Path.of("").toAbsolutePath());
  }
}
