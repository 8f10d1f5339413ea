package io.realcast.webhooks.deliverer.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.AsciiString;
import java.util.Arrays;

/**
 * The headers of one request, in order, as given: written straight into the request's buffer when it goes out, with no
 * map and no object per header in between. Values are Latin-1 (what {@code DeliveryOptions.headerProblem} admits);
 * a name or value that could split the request is refused here too, as a backstop.
 */
public final class RequestHeaders {
  private CharSequence[] pairs = new CharSequence[2 * 12];
  private int size;
  private int encodedLength;

  /** Appends {@code name: value}; never replaces an earlier header of the same name. */
  public RequestHeaders add(CharSequence name, CharSequence value) {
    if (name.length() == 0 || !safe(name, true) || !safe(value, false)) {
      throw new IllegalArgumentException("header " + name + " has a character that would split the request");
    }
    if (size == pairs.length) {
      pairs = Arrays.copyOf(pairs, size * 2);
    }
    pairs[size++] = name;
    pairs[size++] = value;
    encodedLength += name.length() + value.length() + 4;
    return this;
  }

  /** The first value of {@code name} (case-insensitive), or null. */
  public String get(String name) {
    for (int i = 0; i < size; i += 2) {
      if (AsciiString.contentEqualsIgnoreCase(name, pairs[i])) {
        return pairs[i + 1].toString();
      }
    }
    return null;
  }

  public int count() {
    return size / 2;
  }

  /** Bytes {@link #writeTo} writes. */
  int encodedLength() {
    return encodedLength;
  }

  /** {@code name: value CRLF} for each header, in order. */
  void writeTo(ByteBuf out) {
    for (int i = 0; i < size; i += 2) {
      ByteBufUtil.writeAscii(out, pairs[i]);
      out.writeByte(':').writeByte(' ');
      ByteBufUtil.writeAscii(out, pairs[i + 1]); // one byte per char: Latin-1
      out.writeByte('\r').writeByte('\n');
    }
  }

  private static boolean safe(CharSequence s, boolean name) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c == 0 || c > 0xff || name && (c == ':' || c <= ' ')) {
        return false;
      }
    }
    return true;
  }
}
