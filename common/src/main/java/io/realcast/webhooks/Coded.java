package io.realcast.webhooks;

import java.util.Locale;

/**
 * An enum constant with a wire form: its name in lower case ({@code TOO_LARGE} is {@code too_large}), the value
 * of a metric tag, a header or a JSON field. The enums of closed sets of codes implement it instead of each
 * keeping its own code field and lookup.
 */
public interface Coded {
  /** The constant's name; every enum has it. */
  String name();

  default String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The constant of {@code type} whose code is {@code code}. */
  static <E extends Enum<E> & Coded> E fromCode(Class<E> type, String code) {
    for (E constant : type.getEnumConstants()) {
      if (constant.code().equals(code)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("unknown " + type.getSimpleName() + " code " + code);
  }
}
