package io.realcast.webhooks.tools.demo;

import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The admin key of a demo: {@code REALCAST_ADMIN_KEY} when set; otherwise one generated on the first start
 * and kept in the data directory (owner-only), so the key printed yesterday still works today.
 */
record DemoAdminKey(String value, Optional<Path> generatedIn) {
  static final String FILE = "admin-key";

  static DemoAdminKey resolve(ConfigSource source, Setting<String> adminKey, Path dataDir,
      SecureRandom random) {
    Optional<String> given = source.raw(adminKey).filter(k -> !k.isBlank());
    if (given.isPresent()) {
      return new DemoAdminKey(given.get(), Optional.empty());
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.isRegularFile(file)) {
        String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!kept.isEmpty()) {
          return new DemoAdminKey(kept, Optional.of(file));
        }
      }
      byte[] bytes = new byte[24];
      random.nextBytes(bytes);
      String key = "rcadmin_" + HexFormat.of().formatHex(bytes);
      Files.createDirectories(dataDir);
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
      ownerOnly(file);
      return new DemoAdminKey(key, Optional.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the demo admin key in " + file, e);
    }
  }

  private static void ownerOnly(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: the key stays readable like the rest of the data directory.
    }
  }

  @Override
  public String toString() {
    return "DemoAdminKey[****]";
  }
}
