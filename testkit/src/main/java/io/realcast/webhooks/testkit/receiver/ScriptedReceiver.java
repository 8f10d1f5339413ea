package io.realcast.webhooks.testkit.receiver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A webhook receiver on 127.0.0.1 that answers from a script and records every request, like okhttp's
 * MockWebServer: script the replies, run the code, verify the requests. Replies are scripted per path and used
 * in order; when a path's script is used up its fallback answers ({@link #always}), else the default (200).
 * Plain blocking sockets, one thread per connection, so hostile answers (a dripped status line, a reset, an
 * endless body) are real at the TCP level.
 *
 * <pre>{@code
 * try (ScriptedReceiver receiver = ScriptedReceiver.start()) {
 *   receiver.script("/a", Reply.status(503), Reply.ok());
 *   ... deliver to receiver.url("/a") ...
 *   List<RecordedRequest> seen = receiver.await("/a", 2, Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class ScriptedReceiver implements AutoCloseable {
  private final Clock clock;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "scripted-receiver");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Map<String, ArrayDeque<Reply>> scripts = new HashMap<>();
  private final Map<String, ArrayDeque<Reply>> deliveryScripts = new HashMap<>();
  private final Map<String, Reply> fallbacks = new HashMap<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final List<Consumer<RecordedRequest>> listeners = new CopyOnWriteArrayList<>();
  private volatile Reply defaultReply = Reply.ok();
  private volatile boolean closed;

  private ScriptedReceiver(Clock clock) throws IOException {
    this.clock = clock;
    this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
  }

  public static ScriptedReceiver start() {
    return start(Clock.systemUTC());
  }

  /** A receiver whose recorded arrival times come from {@code clock}. */
  public static ScriptedReceiver start(Clock clock) {
    try {
      ScriptedReceiver receiver = new ScriptedReceiver(clock);
      receiver.threads.execute(receiver::acceptLoop);
      return receiver;
    } catch (IOException e) {
      throw new IllegalStateException("the scripted receiver did not start", e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Replies for the next requests to {@code path}, in order. */
  public synchronized ScriptedReceiver script(String path, Reply... replies) {
    scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(replies));
    return this;
  }

  /**
   * Replies for the next requests of one delivery (its {@code X-RealCast-Webhook-Id}), in order, before its path's
   * script: how a test fails one delivery of a webhook and not the others.
   */
  public synchronized ScriptedReceiver scriptDelivery(String deliveryId, Reply... replies) {
    deliveryScripts.computeIfAbsent(deliveryId, d -> new ArrayDeque<>()).addAll(List.of(replies));
    return this;
  }

  /** The reply to {@code path} once its script is used up. */
  public synchronized ScriptedReceiver always(String path, Reply reply) {
    fallbacks.put(path, reply);
    return this;
  }

  /** The reply to paths without a script or fallback. */
  public ScriptedReceiver byDefault(Reply reply) {
    this.defaultReply = reply;
    return this;
  }

  /** Called on the connection's thread for every request, before it is answered. */
  public ScriptedReceiver onRequest(Consumer<RecordedRequest> listener) {
    listeners.add(listener);
    return this;
  }

  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public List<RecordedRequest> requests(String path) {
    return requests().stream().filter(r -> r.path().equals(path)).toList();
  }

  public synchronized int count() {
    return requests.size();
  }

  /** How many requests carried delivery id {@code deliveryId} and were signed with {@code secret}. */
  public long verified(String deliveryId, String secret) {
    return requests().stream().filter(r -> deliveryId.equals(r.webhookId()) && r.signedWith(secret)).count();
  }

  /** Waits until {@code count} requests to {@code path} have arrived and returns them. */
  public List<RecordedRequest> await(String path, int count, Duration timeout) throws TimeoutException, InterruptedException {
    return awaitMatching(r -> r.path().equals(path), count, timeout);
  }

  /** Waits until at least {@code total} requests (to any path) have arrived; false on timeout. */
  public boolean awaitCount(int total, Duration timeout) throws InterruptedException {
    try {
      awaitMatching(r -> true, total, timeout);
      return true;
    } catch (TimeoutException e) {
      return false;
    }
  }

  public synchronized List<RecordedRequest> awaitMatching(Predicate<RecordedRequest> which, int count, Duration timeout)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<RecordedRequest> matching = requests.stream().filter(which).toList();
      if (matching.size() >= count) {
        return matching;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("expected " + count + " requests, got " + matching.size() + " within " + timeout);
      }
      wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        if (!closed) {
          Thread.onSpinWait(); // accept failed while open (e.g. too many files): try again
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      HttpWire.Request request;
      while (!closed && (request = HttpWire.readRequest(in)) != null) {
        Reply reply = record(request);
        if (!HttpWire.answer(socket, in, out, reply, () -> closed) || request.wantsClose()) {
          return;
        }
      }
    } catch (IOException expected) {
      // The client went away or gave up on a hostile answer: that is often the point.
    } finally {
      open.remove(socket);
    }
  }

  private Reply record(HttpWire.Request request) {
    RecordedRequest seen;
    synchronized (this) {
      Reply reply = next(request.path(), request.headers().get("x-realcast-webhook-id"));
      seen = new RecordedRequest(request.method(), request.path(), request.headers(), request.body(), clock.instant(),
          request.arrivedNanos(), reply);
      requests.add(seen);
      notifyAll();
    }
    listeners.forEach(l -> l.accept(seen));
    return seen.reply();
  }

  private synchronized Reply next(String path, String deliveryId) {
    ArrayDeque<Reply> forDelivery = deliveryId == null ? null : deliveryScripts.get(deliveryId);
    if (forDelivery != null && !forDelivery.isEmpty()) {
      return forDelivery.poll();
    }
    ArrayDeque<Reply> q = scripts.get(path);
    if (q != null && !q.isEmpty()) {
      return q.poll();
    }
    return fallbacks.getOrDefault(path, defaultReply);
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
    return "scripted receiver on port " + port();
  }
}
