package io.realcast.webhooks.testkit.receiver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** HTTP/1.1 on a blocking socket, as much as a webhook receiver needs: read one request, write one scripted reply. */
final class HttpWire {
  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
  private static final byte[] CHUNK = "x".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);

  private HttpWire() {}

  record Request(String method, String path, Map<String, String> headers, byte[] body, long arrivedNanos) {
    boolean wantsClose() {
      return "close".equalsIgnoreCase(headers.get("connection"));
    }
  }

  /** The next request on the connection, or null at its end. */
  static Request readRequest(InputStream in) throws IOException {
    String head = readHead(in);
    if (head == null) {
      return null;
    }
    long arrived = System.nanoTime();
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length < 2) {
      throw new IOException("not an HTTP request line: " + lines[0]);
    }
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    String target = requestLine[1];
    int query = target.indexOf('?');
    return new Request(requestLine[0], query < 0 ? target : target.substring(0, query), Map.copyOf(headers),
        readBody(in, headers), arrived);
  }

  /** Writes {@code reply}; true if the connection can carry another request. */
  static boolean answer(Socket socket, InputStream in, OutputStream out, Reply reply, BooleanSupplier closed) throws IOException {
    if (!reply.delay().isZero()) {
      LockSupport.parkNanos(reply.delay().toNanos());
    }
    switch (reply.kind()) {
      case STALL -> {
        while (!closed.getAsBoolean() && in.read() >= 0) {
          // hold the connection until the client closes it
        }
        return false;
      }
      case RESET -> {
        socket.setSoLinger(true, 0); // close() now sends RST
        return false;
      }
      case RESPOND -> {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        out.write(head(reply, "Content-Length: " + body.length));
        out.write(body);
        out.flush();
        return true;
      }
      case SLOW_BODY -> {
        out.write(head(reply, "Transfer-Encoding: chunked"));
        out.flush();
        for (int i = 0; i < reply.chunks() && !closed.getAsBoolean(); i++) {
          LockSupport.parkNanos(reply.interval().toNanos());
          out.write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      }
      case HUGE_BODY -> {
        out.write(head(reply, "Transfer-Encoding: chunked"));
        byte[] size = (Integer.toHexString(CHUNK.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (long left = reply.bodyBytes(); left > 0 && !closed.getAsBoolean(); left -= CHUNK.length) {
          out.write(size);
          out.write(CHUNK);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      }
      case DRIP -> {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        byte[] head = head(reply, "Content-Length: " + body.length);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        for (byte b : all) {
          if (closed.getAsBoolean()) {
            return false;
          }
          out.write(b);
          out.flush();
          LockSupport.parkNanos(reply.interval().toNanos());
        }
        return false;
      }
      default -> throw new IllegalStateException("unknown reply kind " + reply.kind());
    }
  }

  private static byte[] head(Reply reply, String framing) {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(reply.status() / 100 == 2 ? " OK" : " Scripted")
        .append("\r\n").append(framing).append("\r\n");
    reply.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The request line and headers, or null at end of stream before a request began. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0d0a0d0a) { // CR LF CR LF ends the head
      int b = in.read();
      if (b < 0) {
        if (head.size() == 0) {
          return null;
        }
        throw new IOException("connection closed inside a request head");
      }
      head.write(b);
      last4 = (last4 << 8) | b;
      if (head.size() > MAX_HEAD_BYTES) {
        throw new IOException("request head too large");
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
    String length = headers.get("content-length");
    if (length != null) {
      int n = Integer.parseInt(length.trim());
      if (n > MAX_BODY_BYTES) {
        throw new IOException("request body of " + n + " bytes");
      }
      byte[] body = in.readNBytes(n);
      if (body.length < n) {
        throw new IOException("connection closed inside a request body");
      }
      return body;
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = readLine(in);
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        if (size == 0) {
          while (!readLine(in).isEmpty()) {
            // trailers
          }
          return body.toByteArray();
        }
        if (body.size() + size > MAX_BODY_BYTES) {
          throw new IOException("request body too large");
        }
        body.write(in.readNBytes(size));
        readLine(in);
      }
    }
    return new byte[0];
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
      if (line.size() > MAX_HEAD_BYTES) {
        throw new IOException("line too long");
      }
    }
    if (b < 0) {
      throw new IOException("connection closed inside a chunked body");
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
