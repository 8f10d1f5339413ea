package io.realcast.webhooks.bench;

import io.vertx.core.buffer.Buffer;

/** Reads the benchmark's markers without parsing JSON: the receivers must stay cheap. */
final class SequenceParser {
  static final String MESSAGE_ID_PREFIX = "msg_b";
  private static final byte[] MARKER = ("\"message_id\":\"" + MESSAGE_ID_PREFIX).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private SequenceParser() {}

  /** The sequence number in {@code "message_id":"msg_b<seq>"}, or -1 if there is none. */
  static int sequenceOf(Buffer body) {
    int length = body.length();
    outer:
    for (int i = 0; i + MARKER.length < length; i++) {
      for (int k = 0; k < MARKER.length; k++) {
        if (body.getByte(i + k) != MARKER[k]) {
          continue outer;
        }
      }
      int value = 0;
      int digits = 0;
      for (int p = i + MARKER.length; p < length; p++) {
        byte b = body.getByte(p);
        if (b < '0' || b > '9') {
          break;
        }
        value = value * 10 + (b - '0');
        digits++;
      }
      return digits == 0 ? -1 : value;
    }
    return -1;
  }

  /** The subscription index in {@code /hook/<app>/<sub>}, or 0. */
  static int subscriptionOf(String path) {
    int slash = path.lastIndexOf('/');
    try {
      return slash < 0 ? 0 : Integer.parseInt(path.substring(slash + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
