package io.realcast.webhooks.deliverer.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real HTTP server on 127.0.0.1 that answers from a script and records every request, like okhttp's
 * MockWebServer: script the replies, run the code, verify the requests. Replies are scripted per path,
 * consumed in order; when a path's script is used up its fallback answers (200 unless set).
 *
 * <pre>{@code
 * ScriptedReceiver receiver = ScriptedReceiver.start(vertx);
 * receiver.script("/a", Reply.status(503), Reply.ok());
 * ... deliver to receiver.url("/a") ...
 * List<RecordedRequest> seen = receiver.await("/a", 2, Duration.ofSeconds(10));
 * }</pre>
 */
public final class ScriptedReceiver implements AutoCloseable {
  private final Vertx vertx;
  private final Clock clock;
  private final HttpServer server;
  private final Map<String, ArrayDeque<Reply>> scripts = new HashMap<>();
  private final Map<String, ArrayDeque<Reply>> deliveryScripts = new HashMap<>();
  private final Map<String, Reply> fallbacks = new HashMap<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private volatile Reply defaultReply = Reply.ok();

  private ScriptedReceiver(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    // SO_LINGER 0: closing a connection sends RST, so Reply.reset() is a real reset.
    this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSoLinger(0)
        .setIdleTimeout(60));
    server.requestHandler(this::handle);
  }

  public static ScriptedReceiver start(Vertx vertx) {
    return start(vertx, Clock.systemUTC());
  }

  public static ScriptedReceiver start(Vertx vertx, Clock clock) {
    ScriptedReceiver receiver = new ScriptedReceiver(vertx, clock);
    receiver.server.listen().await();
    return receiver;
  }

  public int port() {
    return server.actualPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Replies for the next requests to {@code path}, in order. */
  public synchronized ScriptedReceiver script(String path, Reply... replies) {
    ArrayDeque<Reply> q = scripts.computeIfAbsent(path, p -> new ArrayDeque<>());
    q.addAll(List.of(replies));
    return this;
  }

  /**
   * Replies for the next requests of one delivery (its {@code X-RealCast-Webhook-Id}), in order, before its path's
   * script: how a test fails one delivery of a webhook and not the others.
   */
  public synchronized ScriptedReceiver scriptDelivery(String deliveryId, Reply... replies) {
    deliveryScripts.computeIfAbsent(deliveryId, p -> new ArrayDeque<>()).addAll(List.of(replies));
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

  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public List<RecordedRequest> requests(String path) {
    return requests().stream().filter(r -> r.path().equals(path)).toList();
  }

  public synchronized int count() {
    return requests.size();
  }

  /** Waits until {@code count} requests to {@code path} have arrived and returns them. */
  public List<RecordedRequest> await(String path, int count, Duration timeout) throws TimeoutException, InterruptedException {
    return awaitMatching(r -> r.path().equals(path), count, timeout);
  }

  /** Waits until at least {@code total} requests (to any path) have arrived; false on timeout. */
  public synchronized boolean awaitCount(int total, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (requests.size() < total) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    }
    return true;
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

  private void handle(HttpServerRequest request) {
    long nanos = System.nanoTime();
    request.body().onSuccess(body -> {
      Map<String, String> headers = new TreeMap<>();
      request.headers().forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
      Reply reply;
      synchronized (this) {
        reply = next(request.path(), request.getHeader("X-RealCast-Webhook-Id"));
        requests.add(new RecordedRequest(request.method().name(), request.path(), Map.copyOf(headers), body.getBytes(),
            clock.instant(), nanos, reply));
        notifyAll();
      }
      if (reply.delay().isZero()) {
        answer(request, reply);
      } else {
        vertx.setTimer(reply.delay().toMillis(), id -> answer(request, reply));
      }
    });
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

  private void answer(HttpServerRequest request, Reply reply) {
    HttpServerResponse response = request.response();
    switch (reply.kind()) {
      case STALL -> { }
      case RESET -> request.connection().close();
      case RESPOND -> {
        response.setStatusCode(reply.status());
        reply.headers().forEach(response::putHeader);
        response.end(reply.body());
      }
      case SLOW_BODY -> {
        response.setStatusCode(reply.status()).setChunked(true);
        reply.headers().forEach(response::putHeader);
        response.writeHead();
        int[] left = {reply.chunks()};
        vertx.setPeriodic(reply.chunkInterval().toMillis(), id -> {
          if (response.closed() || left[0]-- <= 0) {
            vertx.cancelTimer(id);
            if (!response.closed() && !response.ended()) {
              response.end();
            }
            return;
          }
          response.write("x");
        });
      }
      case HUGE_BODY -> {
        response.setStatusCode(reply.status()).setChunked(true);
        reply.headers().forEach(response::putHeader);
        writeHuge(response, reply.bodyBytes(), Buffer.buffer(new byte[16 * 1024]));
      }
    }
  }

  private void writeHuge(HttpServerResponse response, long left, Buffer chunk) {
    while (left > 0 && !response.writeQueueFull() && !response.closed()) {
      response.write(chunk);
      left -= chunk.length();
    }
    if (response.closed()) {
      return;
    }
    if (left <= 0) {
      response.end();
      return;
    }
    long remaining = left;
    response.drainHandler(v -> writeHuge(response, remaining, chunk));
  }

  @Override
  public void close() {
    try {
      server.close().await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("receiver did not close", e);
    }
  }
}
