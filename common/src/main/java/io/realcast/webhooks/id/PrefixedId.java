package io.realcast.webhooks.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/** Shared rules for typed ids: a fixed prefix, then 1-64 characters of [A-Za-z0-9_-]. */
final class PrefixedId {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private PrefixedId() {}

  static String check(String prefix, String value) {
    if (value == null || !value.startsWith(prefix) || !bodyIsValid(value, prefix.length())) {
      throw new IllegalArgumentException(
          "expected an id of the form " + prefix + "<1-64 of A-Z a-z 0-9 _ ->, got " + Ids.quoteShort(value));
    }
    return value;
  }

  /** [A-Za-z0-9_-]{1,64} after the prefix; a loop, not a regex: ids are checked on every record decoded. */
  private static boolean bodyIsValid(String value, int from) {
    int length = value.length() - from;
    if (length < 1 || length > 64) {
      return false;
    }
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** 32 lowercase hex digits of the SHA-256 of {@code parts}, separated by a NUL byte so that no two splits collide. */
  static String digestSuffix(String... parts) {
    MessageDigest sha = SHA256.get();
    sha.reset();
    for (int p = 0; p < parts.length; p++) {
      if (p > 0) {
        sha.update((byte) 0);
      }
      sha.update(parts[p].getBytes(StandardCharsets.UTF_8));
    }
    byte[] digest = sha.digest();
    char[] hex = new char[32];
    for (int i = 0; i < 16; i++) {
      hex[2 * i] = Character.forDigit((digest[i] >> 4) & 15, 16);
      hex[2 * i + 1] = Character.forDigit(digest[i] & 15, 16);
    }
    return new String(hex);
  }

  // One digest per thread: MessageDigest.getInstance looks up the provider on every call (the router derives
  // one id per delivery).
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  });

  /** A random, time-ordered suffix in the ULID alphabet: 10 characters of millis, 16 of randomness. */
  static String randomSuffix(long epochMillis) {
    return randomSuffix(epochMillis, RANDOM);
  }

  /** The same from a given generator: a seeded one makes ids reproducible (simulations, tests). */
  static String randomSuffix(long epochMillis, RandomGenerator random) {
    char[] out = new char[26];
    long t = epochMillis;
    for (int i = 9; i >= 0; i--) {
      out[i] = CROCKFORD[(int) (t & 31)];
      t >>>= 5;
    }
    for (int i = 10; i < 26; i++) {
      out[i] = CROCKFORD[random.nextInt(32)];
    }
    return new String(out);
  }
}
