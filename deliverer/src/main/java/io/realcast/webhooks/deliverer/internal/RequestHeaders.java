package io.realcast.webhooks.deliverer.internal;

import io.netty.util.AsciiString;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The headers of one request, in order, as given: no map and no object per header; they are checked and turned into
 * bytes in one pass when the request goes out ({@link #encode}). Values are Latin-1 (what
 * {@code DeliveryOptions.headerProblem} admits; a char above 0xff goes out as '?'). A name or value that would split
 * the request (CR, LF, NUL; a name with a colon or a space) fails that request, as a backstop.
 */
public final class RequestHeaders {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long CRS = 0x0d0d0d0d0d0d0d0dL;
  private static final long LFS = 0x0a0a0a0a0a0a0a0aL;

  private CharSequence[] pairs = new CharSequence[2 * 12];
  private int size;
  private int encodedLength;

  /** Appends {@code name: value}; never replaces an earlier header of the same name. */
  public RequestHeaders add(CharSequence name, CharSequence value) {
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

  /** Bytes {@link #encode} writes. */
  int encodedLength() {
    return encodedLength;
  }

  /**
   * Writes {@code name: value CRLF} for each header, in order, into {@code out} from {@code at}; returns where it
   * ended, or -1 if a header would split the request (what was written is then garbage).
   */
  int encode(byte[] out, int at) {
    int end = at;
    boolean split = false;
    for (int i = 0; i < size; i += 2) {
      int from = end;
      end = copy(pairs[i], out, end);
      split |= end == from || !token(out, from, end);
      out[end++] = ':';
      out[end++] = ' ';
      from = end;
      end = copy(pairs[i + 1], out, end);
      split |= splits(out, from, end);
      out[end++] = '\r';
      out[end++] = '\n';
    }
    return split ? -1 : end;
  }

  /** The Latin-1 bytes of {@code s}, a char above 0xff as '?'; the checks then run on what will be sent. */
  private static int copy(CharSequence s, byte[] out, int at) {
    if (s instanceof AsciiString ascii) {
      System.arraycopy(ascii.array(), ascii.arrayOffset(), out, at, ascii.length());
      return at + ascii.length();
    }
    if (s instanceof String string) {
      byte[] bytes = string.getBytes(StandardCharsets.ISO_8859_1); // a copy of the String's own bytes, usually
      System.arraycopy(bytes, 0, out, at, bytes.length);
      return at + bytes.length;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out[at++] = c > 0xff ? (byte) '?' : (byte) c;
    }
    return at;
  }

  private static boolean token(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] <= ' ' || b[i] == ':' || b[i] == 0x7f) { // bytes above 0x7f are negative: caught by the first test
        return false;
      }
    }
    return true;
  }

  /** Whether {@code b[from, to)} holds a CR, LF or NUL: eight bytes at a time, as this runs over every value sent. */
  private static boolean splits(byte[] b, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long v = (long) LONGS.get(b, i);
      if ((zeroByte(v) | zeroByte(v ^ CRS) | zeroByte(v ^ LFS)) != 0) {
        return true;
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\r' || b[i] == '\n' || b[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** Non-zero if and only if a byte of {@code v} is zero. */
  private static long zeroByte(long v) {
    return (v - 0x0101010101010101L) & ~v & 0x8080808080808080L;
  }
}
