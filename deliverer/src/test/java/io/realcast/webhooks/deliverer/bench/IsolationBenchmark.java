package io.realcast.webhooks.deliverer.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.deliverer.DelivererService;
import io.realcast.webhooks.deliverer.testing.DeliveryFixture;
import io.realcast.webhooks.testkit.receiver.RecordedRequest;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
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
 * Endpoint isolation, measured (not a unit test). Two deliverers (separate groups, topics and endpoints)
 * run side by side in one JVM against one broker, so both see the same machine at the same moment:
 * <ul>
 *   <li><b>healthy</b>: 100 endpoints, all answer 200 at once;</li>
 *   <li><b>mixed</b>: 100 endpoints, 10 answer only after 5 s, 10 answer 503 (retried 1 s, 5 s, 25 s),
 *       80 answer 200 at once.</li>
 * </ul>
 * Every endpoint is its own HTTP server on 127.0.0.1 and gets the same number of deliveries, produced
 * interleaved so faulty and healthy endpoints share every partition. The figure is the delivery rate of
 * the 80 endpoints healthy in both setups; the result is mixed / healthy. Running them concurrently
 * (rather than one after the other) makes the ratio immune to the drift of a shared machine.
 *
 * <p>Run: {@code ./mvnw -B -pl deliverer -am -Pisolation-benchmark -DskipTests verify} (writes
 * docs/benchmarks/isolation.md). Argument 2 (optional): deliveries per endpoint, default 300 (more than a
 * lane's 16 + 256, so slow endpoints overflow into deferral).
 */
public final class IsolationBenchmark {
  private static final int ENDPOINTS = 100;
  private static final int SLOW = 10;
  private static final int FAILING = 10;
  private static final Duration SLOW_ANSWER = Duration.ofSeconds(5);

  private record Result(String setup, int healthyDeliveries, Duration elapsed, double perSecond, int slowAnswered,
      int failingRequests, double deferred) {}

  /** One deliverer with its own topics, endpoints and deliveries. */
  private static final class Setup implements AutoCloseable {
    final String name;
    final boolean faults;
    final List<ScriptedReceiver> endpoints = new ArrayList<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final DeliveryFixture fixture;
    final DelivererService deliverer;
    final List<Delivery> deliveries = new ArrayList<>();
    final Set<String> healthyIds = new HashSet<>();
    long start;

    Setup(String name, boolean faults, Vertx vertx, EmbeddedKafkaBroker broker, int perEndpoint) throws Exception {
      this.name = name;
      this.faults = faults;
      for (int i = 0; i < ENDPOINTS; i++) {
        ScriptedReceiver endpoint = ScriptedReceiver.start();
        Reply reply = !faults || i >= SLOW + FAILING ? Reply.ok() : i < SLOW ? Reply.ok().after(SLOW_ANSWER) : Reply.status(503);
        endpoint.byDefault(reply);
        endpoints.add(endpoint);
      }
      fixture = new DeliveryFixture(broker.bootstrapServers(), TestTopics.unique("isolation-" + name), RetrySchedule.DEFAULT, 12);
      deliverer = new DelivererService(fixture.config(), registry, Clock.systemUTC()).start();
      ScriptedReceiver warmUp = ScriptedReceiver.start();
      fixture.awaitDelivering(warmUp);
      warmUp.close();
      List<Subscription> hooks = new ArrayList<>();
      for (ScriptedReceiver endpoint : endpoints) {
        hooks.add(fixture.subscribe(endpoint.url("/hook")));
      }
      for (int n = 0; n < perEndpoint; n++) {
        for (int i = 0; i < ENDPOINTS; i++) {
          Delivery d = fixture.delivery(hooks.get(i), WebhookEventType.VIEWER_JOINED);
          deliveries.add(d);
          if (i >= SLOW + FAILING) {
            healthyIds.add(d.id().value());
          }
        }
      }
    }

    void produce() {
      start = System.nanoTime();
      fixture.sendAll(deliveries);
    }

    /** Arrival time of the last healthy delivery, or -1 while some are missing. */
    long lastHealthyArrival() {
      Set<String> seen = new HashSet<>();
      long last = 0;
      for (ScriptedReceiver e : endpoints.subList(SLOW + FAILING, ENDPOINTS)) {
        for (RecordedRequest r : e.requests()) {
          if (r.answeredOk() && seen.add(r.webhookId())) {
            last = Math.max(last, r.arrivedNanos());
          }
        }
      }
      return seen.containsAll(healthyIds) ? last : -1;
    }

    Result result(long last) {
      Duration elapsed = Duration.ofNanos(last - start);
      int slowAnswered = endpoints.subList(0, SLOW).stream().mapToInt(ScriptedReceiver::count).sum();
      int failingRequests = endpoints.subList(SLOW, SLOW + FAILING).stream().mapToInt(ScriptedReceiver::count).sum();
      double deferred = registry.find(DelivererMetrics.DEFERRED.name()).counters().stream().mapToDouble(c -> c.count()).sum();
      double rate = healthyIds.size() / (elapsed.toNanos() / 1e9);
      System.out.printf(Locale.ROOT, "%s: %d healthy deliveries in %d ms = %.0f/s%n", name, healthyIds.size(), elapsed.toMillis(),
          rate);
      return new Result(name, healthyIds.size(), elapsed, rate, slowAnswered, failingRequests, deferred);
    }

    @Override
    public void close() {
      deliverer.close();
      fixture.close();
      endpoints.forEach(ScriptedReceiver::close);
    }
  }

  private IsolationBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/benchmarks/isolation.md");
    int perEndpoint = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    Vertx vertx = Vertx.vertx();
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerOptions.defaults()).start()) {
      try (Setup warmUp = new Setup("warm-up", false, vertx, broker, Math.max(10, perEndpoint / 10))) {
        warmUp.produce();
        warmUp.result(await(List.of(warmUp), Duration.ofMinutes(5)).get(0));
      }
      try (Setup healthy = new Setup("healthy", false, vertx, broker, perEndpoint);
          Setup mixed = new Setup("mixed", true, vertx, broker, perEndpoint)) {
        healthy.produce();
        mixed.produce();
        List<Long> last = await(List.of(healthy, mixed), Duration.ofMinutes(10));
        Result h = healthy.result(last.get(0));
        Result m = mixed.result(last.get(1));
        double ratio = m.perSecond() / h.perSecond();
        String report = report(perEndpoint, h, m, ratio);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println(report);
        System.out.printf(Locale.ROOT, "ISOLATION RATIO %.3f (%s)%n", ratio, ratio >= 0.9 ? "PASS >= 0.90" : "FAIL < 0.90");
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  private static List<Long> await(List<Setup> setups, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Long[] last = new Long[setups.size()];
    while (true) {
      boolean all = true;
      for (int i = 0; i < setups.size(); i++) {
        if (last[i] == null) {
          long l = setups.get(i).lastHealthyArrival();
          if (l > 0) {
            last[i] = l;
          } else {
            all = false;
          }
        }
      }
      if (all) {
        return List.of(last);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("healthy deliveries did not all arrive within " + timeout);
      }
      Thread.sleep(200); // a benchmark's progress check, not a test condition
    }
  }

  private static final String DEFAULT_IN_FLIGHT = DelivererConfig.MAX_IN_FLIGHT_PER_WEBHOOK.defaultText() + " up to "
      + DelivererConfig.MAX_IN_FLIGHT_PER_WEBHOOK_CEILING.defaultText();

  private static String report(int perEndpoint, Result healthy, Result mixed, double ratio) {
    StringBuilder b = new StringBuilder();
    b.append("# Endpoint isolation benchmark\n\n");
    b.append("Generated by `IsolationBenchmark` (deliverer test sources) on ").append(Instant.now()).append(".\n");
    b.append("Run it with:\n\n```\n./mvnw -B -pl deliverer -am -Pisolation-benchmark -DskipTests verify\n```\n\n");
    b.append("Two deliverers with default settings (").append(DEFAULT_IN_FLIGHT).append(" in flight per webhook, retries ")
        .append("1 s / 5 s / 25 s), each with its own topics (12 partitions) and ").append(ENDPOINTS)
        .append(" endpoints (each its own Vert.x HTTP server on 127.0.0.1), run side by side in one JVM against one ")
        .append("in-process KRaft broker, so both see the same machine at the same moment. Each endpoint gets ")
        .append(perEndpoint).append(" deliveries, produced interleaved so faulty and healthy endpoints share every partition. ")
        .append("*healthy*: every endpoint answers 200 at once. *mixed*: ").append(SLOW)
        .append(" endpoints answer 200 only after 5 s, ").append(FAILING).append(" answer 503, the other ")
        .append(ENDPOINTS - SLOW - FAILING).append(" answer 200 at once. The rate counts the ")
        .append(ENDPOINTS - SLOW - FAILING)
        .append(" endpoints healthy in both, from the start of production to the arrival of their last delivery.\n\n");
    b.append("| setup | healthy deliveries | time | healthy rate | slow-endpoint requests | 503-endpoint requests | deferred |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Result r : List.of(healthy, mixed)) {
      b.append(String.format(Locale.ROOT, "| %s | %d | %.2f s | %.0f /s | %d | %d | %.0f |%n", r.setup(), r.healthyDeliveries(),
          r.elapsed().toMillis() / 1000.0, r.perSecond(), r.slowAnswered(), r.failingRequests(), r.deferred()));
    }
    b.append(String.format(Locale.ROOT, "%n**Ratio mixed / healthy: %.2f** (target ≥ 0.90: %s).%n", ratio,
        ratio >= 0.9 ? "met" : "NOT met"));
    b.append("\nA ratio above 1 is possible: faulty endpoints cost the deliverer less work than healthy ones (a slow ")
        .append("endpoint is capped at ").append(DEFAULT_IN_FLIGHT)
        .append(" requests in flight, its overflow deferred; a failing one waits in the retry ")
        .append("topics), so the healthy ones get more of the machine. The machine was shared (2 cores, other builds ")
        .append("running), so absolute rates are low and vary between runs.\n");
    return b.toString();
  }
}
