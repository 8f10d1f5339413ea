package io.realcast.webhooks.deliverer.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.deliverer.DelivererService;
import io.realcast.webhooks.deliverer.testing.DeliveryFixture;
import io.realcast.webhooks.deliverer.testing.RecordedRequest;
import io.realcast.webhooks.deliverer.testing.Reply;
import io.realcast.webhooks.deliverer.testing.ScriptedReceiver;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.kafka.embedded.BrokerOptions;
import io.realcast.webhooks.kafka.embedded.EmbeddedKafkaBroker;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.topic.RetrySchedule;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Endpoint isolation, measured (not a unit test): 100 endpoints, each its own HTTP server on 127.0.0.1.
 * Phase "healthy": all answer 200 at once. Phase "mixed": 10 answer only after 5 s, 10 answer 503
 * (retried 1 s, 5 s, 25 s), 80 answer 200. In each phase every endpoint gets the same number of
 * deliveries; the figure is the delivery rate of the 80 endpoints that are healthy in both phases, and
 * the result the ratio mixed / healthy within one run.
 *
 * <p>Run: {@code ./mvnw -B -pl deliverer -am -Pisolation-benchmark -DskipTests verify} (writes
 * docs/benchmarks/isolation.md). Argument 2 (optional): deliveries per endpoint, default 100.
 */
public final class IsolationBenchmark {
  private static final int ENDPOINTS = 100;
  private static final int SLOW = 10;
  private static final int FAILING = 10;
  private static final Duration SLOW_ANSWER = Duration.ofSeconds(5);

  private record Result(String phase, int healthyDeliveries, Duration elapsed, double perSecond, int slowAnswered,
      int failingRequests, double deferred) {}

  private IsolationBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/benchmarks/isolation.md");
    int perEndpoint = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Vertx vertx = Vertx.vertx();
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerOptions.defaults()).start()) {
      List<ScriptedReceiver> endpoints = new ArrayList<>();
      for (int i = 0; i < ENDPOINTS; i++) {
        endpoints.add(ScriptedReceiver.start(vertx));
      }
      run(broker, endpoints, "warm-up", Math.max(10, perEndpoint / 4), false);
      Result healthy = run(broker, endpoints, "healthy", perEndpoint, false);
      Result mixed = run(broker, endpoints, "mixed", perEndpoint, true);
      double ratio = mixed.perSecond() / healthy.perSecond();
      String report = report(perEndpoint, healthy, mixed, ratio);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, report);
      System.out.println(report);
      System.out.printf(Locale.ROOT, "ISOLATION RATIO %.3f (%s)%n", ratio, ratio >= 0.9 ? "PASS >= 0.90" : "FAIL < 0.90");
      endpoints.forEach(ScriptedReceiver::close);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  private static Result run(EmbeddedKafkaBroker broker, List<ScriptedReceiver> endpoints, String phase, int perEndpoint,
      boolean faults) throws Exception {
    String path = "/" + phase;
    for (int i = 0; i < ENDPOINTS; i++) {
      Reply reply = !faults || i >= SLOW + FAILING ? Reply.ok() : i < SLOW ? Reply.ok().after(SLOW_ANSWER) : Reply.status(503);
      endpoints.get(i).always(path, reply);
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (DeliveryFixture fixture = new DeliveryFixture(broker.bootstrapServers(), TestTopics.unique("isolation-" + phase),
        RetrySchedule.DEFAULT, 12)) {
      DelivererConfig config = fixture.config();
      try (DelivererService deliverer = new DelivererService(config, registry, Clock.systemUTC()).start()) {
        fixture.awaitDelivering(endpoints.get(ENDPOINTS - 1));
        List<Subscription> hooks = new ArrayList<>();
        for (ScriptedReceiver endpoint : endpoints) {
          hooks.add(fixture.subscribe(endpoint.url(path)));
        }
        List<Delivery> deliveries = new ArrayList<>();
        Set<String> healthyIds = new HashSet<>();
        for (int n = 0; n < perEndpoint; n++) {
          for (int i = 0; i < ENDPOINTS; i++) {
            Delivery d = fixture.delivery(hooks.get(i), WebhookEventType.VIEWER_JOINED);
            deliveries.add(d);
            if (i >= SLOW + FAILING) {
              healthyIds.add(d.id().value());
            }
          }
        }
        long start = System.nanoTime();
        fixture.sendAll(deliveries);
        long last = awaitAll(endpoints.subList(SLOW + FAILING, ENDPOINTS), path, healthyIds, Duration.ofMinutes(5));
        Duration elapsed = Duration.ofNanos(last - start);
        int slowAnswered = endpoints.subList(0, SLOW).stream().mapToInt(e -> e.requests(path).size()).sum();
        int failingRequests = endpoints.subList(SLOW, SLOW + FAILING).stream().mapToInt(e -> e.requests(path).size()).sum();
        double deferred = registry.find(DelivererMetrics.DEFERRED.name()).counters().stream().mapToDouble(c -> c.count()).sum();
        double rate = healthyIds.size() / (elapsed.toNanos() / 1e9);
        System.out.printf(Locale.ROOT, "%s: %d healthy deliveries in %d ms = %.0f/s%n", phase, healthyIds.size(),
            elapsed.toMillis(), rate);
        return new Result(phase, healthyIds.size(), elapsed, rate, slowAnswered, failingRequests, deferred);
      }
    }
  }

  /** Waits until every id has reached its endpoint with a 2xx; returns the arrival time of the last one. */
  private static long awaitAll(List<ScriptedReceiver> endpoints, String path, Set<String> ids, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Set<String> seen = new HashSet<>();
      long last = 0;
      for (ScriptedReceiver e : endpoints) {
        for (RecordedRequest r : e.requests(path)) {
          if (r.answeredOk() && seen.add(r.webhookId())) {
            last = Math.max(last, r.arrivedNanos());
          }
        }
      }
      if (seen.containsAll(ids)) {
        return last;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + seen.size() + " of " + ids.size() + " healthy deliveries arrived");
      }
      Thread.sleep(100); // a benchmark's progress check, not a test condition
    }
  }

  private static String report(int perEndpoint, Result healthy, Result mixed, double ratio) {
    StringBuilder b = new StringBuilder();
    b.append("# Endpoint isolation benchmark\n\n");
    b.append("Generated by `IsolationBenchmark` (deliverer test sources) on ").append(Instant.now()).append(".\n");
    b.append("Run it with:\n\n```\n./mvnw -B -pl deliverer -am -Pisolation-benchmark -DskipTests verify\n```\n\n");
    b.append("Setup: one deliverer with default settings (16 in flight per webhook, queue cap 256, buffer 10 000, retries ")
        .append("1 s / 5 s / 25 s), an in-process KRaft broker, 12 partitions, ").append(ENDPOINTS)
        .append(" endpoints (each its own Vert.x HTTP server on 127.0.0.1), ").append(perEndpoint)
        .append(" deliveries per endpoint, produced interleaved so slow, failing and healthy endpoints share every partition. ")
        .append("Phase *healthy*: every endpoint answers 200 at once. Phase *mixed*: ").append(SLOW)
        .append(" endpoints answer 200 only after 5 s, ").append(FAILING).append(" answer 503, the other ")
        .append(ENDPOINTS - SLOW - FAILING).append(" answer 200 at once. The rate counts the ")
        .append(ENDPOINTS - SLOW - FAILING)
        .append(" endpoints healthy in both phases, from the start of production to the arrival of their last delivery.\n\n");
    b.append("| phase | healthy deliveries | time | healthy rate | slow endpoints answered | 503 requests | deferred |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Result r : List.of(healthy, mixed)) {
      b.append(String.format(Locale.ROOT, "| %s | %d | %.2f s | %.0f /s | %d | %d | %.0f |%n", r.phase(), r.healthyDeliveries(),
          r.elapsed().toMillis() / 1000.0, r.perSecond(), r.slowAnswered(), r.failingRequests(), r.deferred()));
    }
    b.append(String.format(Locale.ROOT, "%n**Ratio mixed / healthy: %.2f** (target ≥ 0.90: %s).%n", ratio,
        ratio >= 0.9 ? "met" : "NOT met"));
    b.append("\nThe machine was shared (2 cores, other builds running), so absolute rates are low and vary; the ratio ")
        .append("within one run is the figure that matters.\n");
    return b.toString();
  }
}
