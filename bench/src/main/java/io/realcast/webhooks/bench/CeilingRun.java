package io.realcast.webhooks.bench;

import io.realcast.webhooks.event.ChatMessageNew;
import io.realcast.webhooks.event.WebhookEvent;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.signing.SignedHeaders;
import io.realcast.webhooks.signing.WebhookSecret;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw-HTTP ceiling: a plain pooled Vert.x client posting pre-signed webhook bodies to the same
 * receivers with a fixed number of requests in flight, no Kafka. Every scenario reports its
 * throughput as a ratio to this figure, measured minutes apart on the same machine.
 */
final class CeilingRun {
  private static final int BODIES = 256;
  /** Answers per request slot before the window may open. */
  private static final int WARMUP_REQUESTS_PER_SLOT = 50;
  private static final Duration WARMUP_GRACE = Duration.ofSeconds(30);

  private CeilingRun() {}

  /** Result of the ceiling: requests per second over the measured window and the client's round-trip percentiles. */
  record Result(double requestsPerSecond, long requests, long errors, double seconds, int inFlight, double p50Millis,
      double p99Millis) {}

  static Result run(ReceiverFleet receivers, int inFlight, Duration warmup, Duration measure)
      throws InterruptedException, java.util.concurrent.TimeoutException {
    List<Request> requests = signedRequests(receivers);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(false));
    try {
      HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
          new PoolOptions().setHttp1MaxSize(inFlight));
      Window window = new Window(System.nanoTime() + warmup.toNanos(), measure.toNanos(), WARMUP_REQUESTS_PER_SLOT * inFlight);
      CountDownLatch done = new CountDownLatch(inFlight);
      Loop loop = new Loop(client, requests, new AtomicLong(), window, done);
      vertx.runOnContext(v -> {
        for (int i = 0; i < inFlight; i++) {
          loop.send();
        }
      });
      if (!done.await(warmup.plus(measure).plus(WARMUP_GRACE).toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the ceiling client did not finish");
      }
      double seconds = measure.toNanos() / 1e9;
      long measured = window.measured.get();
      return new Result(measured / seconds, measured, window.errors.get(), seconds, inFlight,
          window.latency.quantile(0.5) / 1000.0, window.latency.quantile(0.99) / 1000.0);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private record Request(RequestOptions options, Buffer body) {}

  /**
   * The measured window. It opens once the warm-up time has passed and enough answers
   * came back (on a busy machine JIT and connection set-up take a while), or after a grace period.
   */
  private static final class Window {
    final long warmEnd;
    final long length;
    final long warmupRequests;
    final AtomicLong answered = new AtomicLong();
    final AtomicLong measured = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final LatencyHistogram latency = new LatencyHistogram();
    volatile long start = Long.MAX_VALUE;
    volatile long end = Long.MAX_VALUE;

    Window(long warmEnd, long length, long warmupRequests) {
      this.warmEnd = warmEnd;
      this.length = length;
      this.warmupRequests = warmupRequests;
    }

    /** Called on the client's event loop after each answer. */
    void answered(long sentAt, long now, boolean ok) {
      long n = answered.incrementAndGet();
      if (start == Long.MAX_VALUE && now >= warmEnd && (n >= warmupRequests || now >= warmEnd + WARMUP_GRACE.toNanos())) {
        start = now;
        end = now + length;
      }
      if (sentAt >= start && now < end) {
        if (ok) {
          measured.incrementAndGet();
          latency.record((now - sentAt) / 1000);
        } else {
          errors.incrementAndGet();
        }
      }
    }

    boolean over(long now) {
      return now >= end;
    }
  }

  /** One request loop per slot: send, and on the answer send the next, until the window closes. */
  private record Loop(HttpClient client, List<Request> requests, AtomicLong next, Window window, CountDownLatch done) {
    void send() {
      long start = System.nanoTime();
      if (window.over(start)) {
        done.countDown();
        return;
      }
      Request r = requests.get((int) (next.getAndIncrement() % requests.size()));
      // RequestOptions are copied: the client adds headers of its own to the ones it is given.
      client.request(new RequestOptions(r.options()).setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(r.options().getHeaders())))
          .compose(request -> request.send(r.body()))
          .compose(response -> response.body().map(b -> response.statusCode()))
          .onComplete(result -> {
            window.answered(start, System.nanoTime(), result.succeeded() && result.result() == 200);
            send();
          });
    }
  }

  /** Bodies and headers signed once up front, spread over every receiver port. */
  private static List<Request> signedRequests(ReceiverFleet receivers) {
    SecureRandom random = new SecureRandom();
    WebhookSecret secret = WebhookSecret.generate(random);
    Instant now = Instant.now();
    List<Request> requests = new ArrayList<>(BODIES);
    for (int i = 0; i < BODIES; i++) {
      EventId eventId = EventId.of("evt_ceiling_" + i);
      byte[] body = new WebhookEvent(eventId, now, new ChatMessageNew("stream_ceiling", "msg_c" + i, "user_bench", "Bench",
          "Great stream! message " + i, now)).body();
      String deliveryId = DeliveryId.random(java.time.Clock.systemUTC()).value();
      MultiMap headers = MultiMap.caseInsensitiveMultiMap();
      headers.add(HttpHeaders.CONTENT_TYPE, "application/json");
      headers.add("X-RealCast-Event", "chat.message.new");
      headers.add("X-RealCast-Webhook-Id", deliveryId);
      headers.add("X-RealCast-Delivery-Attempt", "1");
      SignedHeaders.sign(secret, Optional.empty(), deliveryId, now.getEpochSecond(), body).forEach(headers::add);
      int port = receivers.port(i % receivers.size());
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
          .setURI("/hook/ceiling/0").setHeaders(headers);
      requests.add(new Request(options, Buffer.buffer(body)));
    }
    return requests;
  }
}
