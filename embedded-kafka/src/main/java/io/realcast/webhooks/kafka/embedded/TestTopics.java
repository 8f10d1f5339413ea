package io.realcast.webhooks.kafka.embedded;

import java.util.UUID;
import java.util.regex.Pattern;

/** Topic names no other test uses, so tests can share one broker without seeing each other. */
public final class TestTopics {
  private static final int SUFFIX_LENGTH = 12;
  // Kafka allows [a-zA-Z0-9._-] and at most 249 characters; the suffix takes 13 of them.
  private static final Pattern PREFIX = Pattern.compile("[a-zA-Z0-9._-]{1,236}");

  private TestTopics() {}

  /** {@code prefix + "-" + 12 random hex digits}, e.g. {@code router-3f9a1c2e7b01}. */
  public static String unique(String prefix) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "a topic prefix is 1 to 236 of [a-zA-Z0-9._-], not " + prefix);
    }
    String random = UUID.randomUUID().toString().replace("-", "");
    return prefix + "-" + random.substring(0, SUFFIX_LENGTH);
  }
}
