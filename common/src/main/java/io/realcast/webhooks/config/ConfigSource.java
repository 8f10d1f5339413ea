package io.realcast.webhooks.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where raw setting values come from, in order of precedence: environment, then an optional properties
 * file (named by {@code REALCAST_CONFIG_FILE}), then the setting's default.
 */
public final class ConfigSource {
  public static final String CONFIG_FILE_ENV = "REALCAST_CONFIG_FILE";

  private final Map<String, String> environment;
  private final Map<String, String> file;

  private ConfigSource(Map<String, String> environment, Map<String, String> file) {
    this.environment = Map.copyOf(environment);
    this.file = Map.copyOf(file);
  }

  /** The process environment and the file it names, if any. */
  public static ConfigSource fromEnvironment() {
    return of(System.getenv());
  }

  public static ConfigSource of(Map<String, String> environment) {
    String path = environment.get(CONFIG_FILE_ENV);
    return new ConfigSource(environment, path == null || path.isBlank() ? Map.of() : readProperties(Path.of(path)));
  }

  public static ConfigSource of(Map<String, String> environment, Map<String, String> fileProperties) {
    return new ConfigSource(environment, fileProperties);
  }

  /** The same source with some values overridden, e.g. from command-line options. */
  public ConfigSource with(Map<String, String> environmentOverrides) {
    Map<String, String> merged = new HashMap<>(environment);
    merged.putAll(environmentOverrides);
    return new ConfigSource(merged, file);
  }

  /** The raw text for a setting, if it was given anywhere other than its default. */
  public Optional<String> raw(Setting<?> setting) {
    String fromEnv = environment.get(setting.envName());
    if (fromEnv != null) {
      return Optional.of(fromEnv);
    }
    return Optional.ofNullable(file.get(setting.propertyName()));
  }

  private static Map<String, String> readProperties(Path path) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new ConfigException(List.of(CONFIG_FILE_ENV + "=" + path + ": cannot be read (" + e.getMessage() + ")"));
    }
    Map<String, String> values = new HashMap<>();
    properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
    return values;
  }
}
