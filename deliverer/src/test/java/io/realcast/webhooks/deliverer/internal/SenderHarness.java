package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.deliverer.HostResolver;
import io.realcast.webhooks.deliverer.SendResult;
import io.realcast.webhooks.net.TargetPolicy;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One {@link HttpSender} on a one-loop Vert.x, driven from a test thread: every call hops onto the sender's context, in
 * order, as the dispatcher's would. DNS is a map the test fills.
 */
final class SenderHarness implements AutoCloseable {
  static final byte[] BODY = "{\"type\":\"stream.live\"}".getBytes(StandardCharsets.UTF_8);
  static final Duration WAIT = Duration.ofSeconds(10);

  final Map<String, List<InetAddress>> dns = new ConcurrentHashMap<>();
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final Context context = vertx.getOrCreateContext();
  private final HttpSender sender;

  SenderHarness(HttpSender.Options options) {
    this(options, new TargetPolicy(true));
  }

  SenderHarness(HttpSender.Options options, TargetPolicy policy) {
    HostResolver resolver = host -> {
      List<InetAddress> found = dns.get(host);
      return found == null ? CompletableFuture.failedFuture(new UnknownHostException(host)) : CompletableFuture.completedFuture(found);
    };
    sender = new HttpSender(context, options, resolver, policy, System::nanoTime);
  }

  /** Plain-HTTP options with the JDK's trust and the production idle timeout. */
  static HttpSender.Options options(int poolSize, Duration attemptTimeout, int maxResponseBytes) {
    return new HttpSender.Options(Duration.ofSeconds(2), attemptTimeout, maxResponseBytes, poolSize, HttpSender.IDLE_TIMEOUT,
        ClientTls.jdkDefault());
  }

  static RequestHeaders headers() {
    return new RequestHeaders().add("Content-Type", "application/json").add("X-RealCast-Webhook-Id", "dlv_test");
  }

  CompletableFuture<SendResult> send(String url) {
    return send(url, headers());
  }

  CompletableFuture<SendResult> send(String url, RequestHeaders headers) {
    CompletableFuture<SendResult> result = new CompletableFuture<>();
    context.runOnContext(v -> sender.send(Endpoint.parse(url), headers, BODY, result::complete));
    return result;
  }

  SendResult sendAndWait(String url, RequestHeaders headers) throws Exception {
    return await(send(url, headers));
  }

  /** Calls the sender from the test's own thread, which it must refuse. */
  void sendOffLoop(String url) {
    sender.send(Endpoint.parse(url), headers(), BODY, result -> { });
  }

  SendResult sendAndWait(String url) throws Exception {
    return await(send(url));
  }

  static SendResult await(CompletableFuture<SendResult> result) throws Exception {
    return result.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Connections the sender has open or opening, read on its context (after every send asked for before). */
  int connections() throws Exception {
    return onContext(sender::connections);
  }

  <T> T onContext(Supplier<T> read) throws Exception {
    CompletableFuture<T> value = new CompletableFuture<>();
    context.runOnContext(v -> value.complete(read.get()));
    return value.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    sender.close();
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Vert.x did not close in 10 s", e);
    }
  }
}
