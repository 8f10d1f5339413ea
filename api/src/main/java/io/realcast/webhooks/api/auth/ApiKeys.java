package io.realcast.webhooks.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * App API keys: {@code rck_} + 32 random bytes (base64url). Only their SHA-256 is stored. A fast hash is
 * right here, unlike for passwords: a key carries 256 bits of randomness, so nobody can guess a preimage
 * however fast the hash is, and a slow hash (bcrypt, scrypt) would only add its cost to every request.
 */
public final class ApiKeys {
  public static final String PREFIX = "rck_";
  private static final int RANDOM_BYTES = 32;

  private ApiKeys() {}

  public static String generate(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Lowercase hex SHA-256 of the key's UTF-8 bytes: what {@code realcast.apps} stores. */
  public static String hash(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  public static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /** Constant-time comparison of two digests (both are 32 bytes, so length leaks nothing). */
  public static boolean sameDigest(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}
