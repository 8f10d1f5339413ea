package io.realcast.webhooks.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed values from a {@link ConfigSource}, collecting every error instead of stopping at the
 * first, so an operator fixes a bad deployment in one go. Secret values never appear in messages.
 *
 * <pre>{@code
 * ConfigReader r = new ConfigReader(source);
 * var config = new DelivererConfig(r.get(BOOTSTRAP), r.get(MAX_IN_FLIGHT));
 * r.check("max-in-flight", config.maxInFlight() <= config.maxBuffered(), "must not exceed max-buffered");
 * r.validate(); // throws ConfigException listing everything wrong
 * }</pre>
 */
public final class ConfigReader {
  private final ConfigSource source;
  private final List<String> problems = new ArrayList<>();

  public ConfigReader(ConfigSource source) {
    this.source = source;
  }

  /** The parsed value, or the default if the value is bad (the error is recorded for {@link #validate()}). */
  public <T> T get(Setting<T> setting) {
    String text = source.raw(setting).orElse(setting.defaultText());
    try {
      return setting.parser().apply(text);
    } catch (IllegalArgumentException e) {
      String shown = setting.secret() ? "****" : '"' + text + '"';
      problems.add(setting.envName() + "=" + shown + ": " + e.getMessage());
      return fallback(setting);
    }
  }

  /** The default, so reading can go on and find further errors; null when the default is not valid either. */
  private static <T> T fallback(Setting<T> setting) {
    try {
      return setting.defaultValue();
    } catch (IllegalArgumentException e) {
      // A required setting (no valid default): the error above already names it.
      return null;
    }
  }

  /** Records a cross-field rule. */
  public void check(Setting<?> setting, boolean ok, String message) {
    if (!ok) {
      problems.add(setting.envName() + ": " + message);
    }
  }

  public void validate() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
