package io.realcast.webhooks.config;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * One named configuration value: its key ({@code kafka.bootstrap}), read from the environment as
 * {@code REALCAST_KAFKA_BOOTSTRAP} or from a properties file as {@code realcast.kafka.bootstrap}; its
 * default, parser and help text. Settings are declared once, as constants of the service that reads
 * them, and the configuration reference is generated from them.
 */
public record Setting<T>(String key, String defaultText, Function<String, T> parser, boolean secret, String help) {

  public String envName() {
    return "REALCAST_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  public String propertyName() {
    return "realcast." + key;
  }

  /** The default, parsed; throws when the setting has no valid default (a required one). */
  public T defaultValue() {
    return parser.apply(defaultText);
  }

  public static Setting<String> string(String key, String defaultValue, String help) {
    return new Setting<>(key, defaultValue, Function.identity(), false, help);
  }

  /** A value never printed: errors and dumps show {@code ****}. */
  public static Setting<String> secret(String key, String defaultValue, String help) {
    return new Setting<>(key, defaultValue, Function.identity(), true, help);
  }

  public static Setting<Integer> integer(String key, int defaultValue, int min, int max, String help) {
    return new Setting<>(key, Integer.toString(defaultValue), text -> {
      int value;
      try {
        value = Integer.parseInt(text.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be a whole number");
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException("must be between " + min + " and " + max);
      }
      return value;
    }, false, help);
  }

  public static Setting<Boolean> bool(String key, boolean defaultValue, String help) {
    return new Setting<>(key, Boolean.toString(defaultValue), text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    }, false, help);
  }

  /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 24h} or an ISO-8601 {@code PT30S}. */
  public static Setting<Duration> duration(String key, String defaultValue, String help) {
    return new Setting<>(key, defaultValue, Setting::parseDuration, false, help);
  }

  public static <T> Setting<T> of(String key, String defaultValue, Function<String, T> parser, String help) {
    return new Setting<>(key, defaultValue, parser, false, help);
  }

  static Duration parseDuration(String text) {
    String t = text.trim();
    try {
      if (t.startsWith("P") || t.startsWith("p")) {
        return Duration.parse(t);
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("must be a duration like 500ms, 30s, 5m, 24h or 7d");
    }
  }
}
