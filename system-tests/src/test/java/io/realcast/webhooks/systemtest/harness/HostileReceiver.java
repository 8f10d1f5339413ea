package io.realcast.webhooks.systemtest.harness;

import io.realcast.webhooks.id.WebhookId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A receiver scripted to misbehave at the socket level, as okhttp's MockWebServer scripts stalls and drops:
 * plain blocking sockets on 127.0.0.1, one thread per connection. It counts the requests it saw by their
 * {@code X-RealCast-Webhook-Id} but never acknowledges one as delivered.
 */
public final class HostileReceiver implements AutoCloseable {
  /** How the receiver answers a request. */
  public enum Behaviour {
    /** Reads the request and never answers. */
    STALL,
    /** Reads the request and resets the connection (RST, SO_LINGER 0). */
    RESET,
    /** Answers 200 with a chunked body that never ends. */
    ENDLESS_BODY,
    /** Answers 200 one byte a second (38 s for the whole answer). */
    DRIP,
    /** Answers 429 with a Retry-After of about 31 years. */
    TOO_MANY_REQUESTS,
    /** Answers 302 to another local server (the canary), which must never be called. */
    REDIRECT
  }

  private static final int MAX_HEADER_BYTES = 64 * 1024;

  private final Behaviour behaviour;
  private final String redirectTo;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "hostile-receiver");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private HostileReceiver(Behaviour behaviour, String redirectTo) throws IOException {
    this.behaviour = behaviour;
    this.redirectTo = redirectTo;
    this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
  }

  /** @param redirectTo the Location of {@link Behaviour#REDIRECT}; ignored otherwise */
  public static HostileReceiver start(Behaviour behaviour, String redirectTo) {
    try {
      HostileReceiver receiver = new HostileReceiver(behaviour, redirectTo);
      receiver.threads.execute(receiver::acceptLoop);
      return receiver;
    } catch (IOException e) {
      throw new IllegalStateException("hostile receiver did not start", e);
    }
  }

  public Behaviour behaviour() {
    return behaviour;
  }

  public String url(WebhookId webhook) {
    return "http://127.0.0.1:" + server.getLocalPort() + "/hooks/" + webhook.value();
  }

  /** Requests seen, by delivery id. */
  public Map<String, AtomicInteger> requests() {
    return requests;
  }

  public int totalRequests() {
    return requests.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        if (!closed) {
          LockSupport.parkNanos(10_000_000);
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      String head;
      while ((head = readRequest(in)) != null) {
        requests.computeIfAbsent(String.valueOf(header(head, "x-realcast-webhook-id")), k -> new AtomicInteger()).incrementAndGet();
        if (!answer(socket, in, out)) {
          return;
        }
      }
    } catch (IOException expected) {
      // The deliverer gave up on us: that is the point.
    } finally {
      open.remove(socket);
    }
  }

  /** Answers one request; true if the connection may carry another. */
  private boolean answer(Socket socket, InputStream in, OutputStream out) throws IOException {
    switch (behaviour) {
      case STALL -> {
        // Hold the connection until the client closes it.
        while (in.read() >= 0) {
          // discard
        }
        return false;
      }
      case RESET -> {
        socket.setSoLinger(true, 0);
        return false;
      }
      case ENDLESS_BODY -> {
        out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = ("2000\r\n" + "x".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        while (!closed) {
          out.write(chunk);
        }
        return false;
      }
      case DRIP -> {
        byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
        for (byte b : response) {
          out.write(b);
          out.flush();
          LockSupport.parkNanos(1_000_000_000L);
        }
        return false;
      }
      case TOO_MANY_REQUESTS -> {
        out.write(("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 999999999\r\nContent-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      }
      case REDIRECT -> {
        out.write(("HTTP/1.1 302 Found\r\nLocation: " + redirectTo + "\r\nContent-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      }
      default -> throw new IllegalStateException("unknown behaviour " + behaviour);
    }
  }

  /** The request line and headers; the body (Content-Length) is read and dropped. Null at end of stream. */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0d0a0d0a) { // CR LF CR LF ends the head
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      last4 = (last4 << 8) | b;
      if (head.size() > MAX_HEADER_BYTES) {
        throw new IOException("request head too large");
      }
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    String length = header(text, "content-length");
    if (length != null) {
      in.readNBytes(Integer.parseInt(length.trim()));
    }
    return text;
  }

  private static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    threads.shutdownNow();
  }

  @Override
  public String toString() {
    return behaviour + " receiver on port " + server.getLocalPort();
  }
}
