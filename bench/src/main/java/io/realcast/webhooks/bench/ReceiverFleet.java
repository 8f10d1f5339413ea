package io.realcast.webhooks.bench;

import io.realcast.webhooks.topic.RetrySchedule;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The webhook receivers: one Vert.x (Netty) HTTP server per port on 127.0.0.1, each answering as its
 * {@link EndpointBehaviour} says, counting and timing every request. A request's path is
 * {@code /hook/<app>/<sub>}; its body is a {@code chat.message.new} whose message id carries the
 * event's sequence number, which is how arrival is matched to the scheduled time.
 */
final class ReceiverFleet implements AutoCloseable {
  static final Duration SLOW_DELAY = Duration.ofSeconds(2);
  static final String ATTEMPT_HEADER = "X-RealCast-Delivery-Attempt";

  private final Vertx vertx;
  private final List<HttpServer> servers = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final AtomicReferenceArray<EndpointBehaviour> behaviours;
  private final Timeline timeline;
  private final RetrySchedule retries;
  private final Duration endpointDelay;
  private volatile EventSchedule schedule;
  private volatile DeliveryLedger ledger;
  private volatile PhaseProbe probe;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong unsequenced = new AtomicLong();
  private final AtomicLong healthyDelivered = new AtomicLong();
  private final AtomicLong failingAnswered = new AtomicLong();
  private final AtomicLong slowAnswered = new AtomicLong();
  private final AtomicLong earlyRetries = new AtomicLong();
  /** Lateness of retries by their attempt number (2 comes after the first delay, 3 after the second, …). */
  private final Map<Integer, LatencyHistogram> retryLatenessByAttempt = new ConcurrentHashMap<>();
  /** Failing deliveries: key (seq, sub) → when the last 503 was sent. */
  private final Map<Long, Long> lastFailure = new ConcurrentHashMap<>();

  private ReceiverFleet(Vertx vertx, int count, Timeline timeline, RetrySchedule retries, Duration endpointDelay) {
    this.vertx = vertx;
    this.behaviours = new AtomicReferenceArray<>(count);
    for (int i = 0; i < count; i++) {
      behaviours.set(i, EndpointBehaviour.HEALTHY);
    }
    this.timeline = timeline;
    this.retries = retries;
    this.endpointDelay = endpointDelay;
  }

  /** Starts {@code count} servers on free ports of 127.0.0.1, all healthy; {@code DELAYED} ones answer after {@code endpointDelay}. */
  static ReceiverFleet start(int count, int eventLoops, Timeline timeline, RetrySchedule retries, Duration endpointDelay)
      throws java.util.concurrent.TimeoutException {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(false));
    ReceiverFleet fleet = new ReceiverFleet(vertx, count, timeline, retries, endpointDelay);
    for (int i = 0; i < count; i++) {
      int index = i;
      HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
          .setTcpNoDelay(true).setIdleTimeout(120).setIdleTimeoutUnit(TimeUnit.SECONDS));
      server.requestHandler(request -> fleet.handle(index, request));
      server.listen().await(30, TimeUnit.SECONDS);
      fleet.servers.add(server);
      fleet.ports.add(server.actualPort());
    }
    return fleet;
  }

  /** Where pipeline arrivals are matched; set before the first event is produced. */
  void track(EventSchedule schedule, DeliveryLedger ledger) {
    this.schedule = schedule;
    this.ledger = ledger;
  }

  /** The phase whose events are being watched; its range must be known before its first event is produced. */
  void probe(PhaseProbe probe) {
    this.probe = probe;
  }

  int port(int index) {
    return ports.get(index);
  }

  int size() {
    return ports.size();
  }

  void behave(int index, EndpointBehaviour behaviour) {
    behaviours.set(index, behaviour);
  }

  EndpointBehaviour behaviour(int index) {
    return behaviours.get(index);
  }

  long requests() {
    return requests.get();
  }

  long unsequenced() {
    return unsequenced.get();
  }

  long healthyDelivered() {
    return healthyDelivered.get();
  }

  long slowAnswered() {
    return slowAnswered.get();
  }

  long failingAnswered() {
    return failingAnswered.get();
  }

  long earlyRetries() {
    return earlyRetries.get();
  }

  /** Every retry's lateness, whatever its attempt. */
  LatencyHistogram retryLateness() {
    LatencyHistogram all = new LatencyHistogram();
    retryLatenessByAttempt.values().forEach(h -> h.addTo(all));
    return all;
  }

  Map<Integer, LatencyHistogram> retryLatenessByAttempt() {
    return Map.copyOf(retryLatenessByAttempt);
  }

  private void handle(int index, HttpServerRequest request) {
    request.body().onSuccess(body -> answer(index, request, body))
        .onFailure(e -> request.response().setStatusCode(400).end());
  }

  private void answer(int index, HttpServerRequest request, Buffer body) {
    long arrival = System.nanoTime();
    requests.incrementAndGet();
    int seq = SequenceParser.sequenceOf(body);
    if (seq < 0) {
      // The ceiling's pre-signed bodies: counted by the client that sent them.
      unsequenced.incrementAndGet();
      timeline.other(arrival);
      request.response().end("ok");
      return;
    }
    int sub = SequenceParser.subscriptionOf(request.path());
    switch (behaviours.get(index)) {
      case HEALTHY -> {
        request.response().end("ok");
        arrivedHealthy(seq, sub, arrival);
      }
      case DELAYED -> {
        // Counted when it arrives (that is the delivery's latency); answered when the receiver's "work" is done.
        arrivedHealthy(seq, sub, arrival);
        vertx.setTimer(endpointDelay.toMillis(), t -> request.response().end("ok"));
      }
      case SLOW -> {
        timeline.other(arrival);
        vertx.setTimer(SLOW_DELAY.toMillis(), t -> {
          request.response().end("ok");
          ledger.delivered(seq, sub);
          slowAnswered.incrementAndGet();
        });
      }
      case FAILING -> {
        timeline.other(arrival);
        retryTiming(seq, sub, request.getHeader(ATTEMPT_HEADER), arrival);
        failingAnswered.incrementAndGet();
        request.response().setStatusCode(503).end("unavailable");
        lastFailure.put(key(seq, sub), System.nanoTime());
      }
    }
  }

  private void arrivedHealthy(int seq, int sub, long arrival) {
    if (ledger.delivered(seq, sub)) {
      healthyDelivered.incrementAndGet();
      long scheduled = schedule.scheduledAt(seq);
      long latency = scheduled == 0 ? -1 : (arrival - scheduled) / 1000;
      timeline.healthy(arrival, latency);
      PhaseProbe watched = probe;
      if (watched != null && watched.contains(seq)) {
        watched.healthy(latency);
      }
    } else {
      timeline.other(arrival);
    }
  }

  /** Lateness of a retry: its arrival minus (the previous 503 + the schedule's delay). Never negative if correct. */
  private void retryTiming(int seq, int sub, String attemptHeader, long arrival) {
    int attempt = attemptHeader == null ? 1 : Integer.parseInt(attemptHeader.trim());
    if (attempt < 2) {
      return;
    }
    Long previous = lastFailure.get(key(seq, sub));
    Duration delay = retries.delayAfter(attempt - 1).orElse(null);
    if (previous == null || delay == null) {
      return;
    }
    long latenessMicros = (arrival - previous - delay.toNanos()) / 1000;
    if (latenessMicros < 0) {
      earlyRetries.incrementAndGet();
    } else {
      retryLatenessByAttempt.computeIfAbsent(attempt, a -> new LatencyHistogram()).record(latenessMicros);
    }
  }

  private static long key(int seq, int sub) {
    return ((long) seq << 5) | sub;
  }

  @Override
  public void close() throws java.util.concurrent.TimeoutException {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
