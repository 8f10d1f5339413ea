package io.realcast.webhooks.json;

import java.nio.charset.StandardCharsets;

/**
 * A compact JSON writer whose output is byte-identical to JavaScript's
 * {@code JSON.stringify(JSON.parse(text))}: a Node.js receiver re-serializes the parsed body
 * before checking its signature, so any other escaping would break verification.
 *
 * <p>Only what webhook bodies contain is supported: objects, strings and integers within
 * JavaScript's safe range. Strings are escaped exactly as ECMAScript's QuoteJSONString does.
 */
public final class JsonText {
  /** Largest integer JavaScript represents exactly (2^53 - 1). */
  public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out;
  private boolean needsComma;

  public JsonText() {
    this(256);
  }

  public JsonText(int capacity) {
    this.out = new StringBuilder(capacity);
  }

  public JsonText beginObject() {
    comma();
    out.append('{');
    needsComma = false;
    return this;
  }

  public JsonText beginObject(String name) {
    name(name);
    out.append('{');
    needsComma = false;
    return this;
  }

  public JsonText endObject() {
    out.append('}');
    needsComma = true;
    return this;
  }

  /** A string field; a null value is written as JSON {@code null}, as JSON.stringify writes it. */
  public JsonText field(String name, String value) {
    name(name);
    if (value == null) {
      out.append("null");
    } else {
      quote(out, value);
    }
    needsComma = true;
    return this;
  }

  public JsonText field(String name, long value) {
    if (value > MAX_SAFE_INTEGER || value < -MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException(name + " is outside JavaScript's safe integer range: " + value);
    }
    name(name);
    out.append(value);
    needsComma = true;
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  public byte[] toBytes() {
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void name(String name) {
    comma();
    quote(out, name);
    out.append(':');
  }

  private void comma() {
    if (needsComma) {
      out.append(',');
    }
  }

  /** Appends {@code value} as a JSON string literal, escaped as JSON.stringify escapes it. */
  public static void quote(StringBuilder out, String value) {
    out.append('"');
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            unicodeEscape(out, c);
          } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            // A lone surrogate cannot be encoded as UTF-8; JSON.stringify escapes it (ES2019).
            unicodeEscape(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u").append(HEX[(c >> 12) & 15]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
  }
}
