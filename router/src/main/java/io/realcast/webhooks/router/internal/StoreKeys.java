package io.realcast.webhooks.router.internal;

/**
 * Keys of the stores that file entries under an owner (a stream or an app) in order: {@code owner NUL part}.
 * Ids never contain control characters (the parser refuses them), so the NUL separator makes the owner's
 * entries exactly those with the prefix {@code owner NUL}; offsets are zero-padded so that they sort.
 */
final class StoreKeys {
  private static final char SEPARATOR = '\u0000';

  private StoreKeys() {}

  static String prefix(String owner) {
    return owner + SEPARATOR;
  }

  static String of(String owner, String part) {
    return owner + SEPARATOR + part;
  }

  /** An entry ordered by source offset. */
  static String of(String owner, long offset) {
    return of(owner, String.format("%019d", offset));
  }

  static String owner(String key) {
    return key.substring(0, key.indexOf(SEPARATOR));
  }

  static long offset(String key) {
    return Long.parseLong(key.substring(key.indexOf(SEPARATOR) + 1));
  }
}
