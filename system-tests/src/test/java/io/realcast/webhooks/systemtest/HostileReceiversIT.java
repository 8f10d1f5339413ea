package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.systemtest.harness.Deadline;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.LoadPlan;
import io.realcast.webhooks.systemtest.harness.Metrics;
import io.realcast.webhooks.systemtest.harness.Publisher;
import io.realcast.webhooks.systemtest.harness.Records;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.ScenarioRun;
import io.realcast.webhooks.systemtest.harness.ServiceProcess;
import io.realcast.webhooks.systemtest.harness.Subscriptions;
import io.realcast.webhooks.testkit.Endpoint;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import io.realcast.webhooks.testkit.Ledger;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 4: one subscription behind each hostile receiver, next to healthy ones sharing the deliverer's
 * partitions. The deliverer must keep to its heap and timeouts, and the healthy receivers get everything.
 */
@ExtendWith(ForkedBrokerExtension.class)
class HostileReceiversIT {
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
  private static final long HEAP_LIMIT = 256L << 20;

  /** How each hostile receiver answers, at the TCP level. */
  private enum Behaviour {
    /** Reads the request and never answers. */
    STALL,
    /** Reads the request and resets the connection (RST). */
    RESET,
    /** Answers 200 with a chunked body that never ends. */
    ENDLESS_BODY,
    /** Answers 200 one byte a second (38 s for the whole answer). */
    DRIP,
    /** Answers 429 with a Retry-After of about 31 years. */
    TOO_MANY_REQUESTS,
    /** Answers 302 to another local server (the canary), which must never be called. */
    REDIRECT;

    Reply reply(String canary) {
      return switch (this) {
        case STALL -> Reply.stall();
        case RESET -> Reply.reset();
        case ENDLESS_BODY -> Reply.endlessBody(200);
        case DRIP -> Reply.drip(200, Duration.ofSeconds(1));
        case TOO_MANY_REQUESTS -> Reply.status(429).withHeader("Retry-After", "999999999");
        case REDIRECT -> Reply.redirect(302, canary);
      };
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldKeepHealthyReceiversServedAndTheDelivererBoundedWhileReceiversMisbehave(ForkedKafkaBroker broker) {
    List<ScriptedReceiver> hostile = new ArrayList<>();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    try (ScenarioRun run = new ScenarioRun(ScenarioInfo.HOSTILE_RECEIVERS, "hr", broker.bootstrapServers(),
        RetrySchedule.parse("1s,2s,4s"));
        ScriptedReceiver canary = ScriptedReceiver.start()) {
      List<AppId> apps = run.seedStandardSubscriptions(2);
      // The hostile subscriptions belong to the same apps: every event fans out to healthy and hostile alike.
      Map<Behaviour, ScriptedReceiver> byBehaviour = new EnumMap<>(Behaviour.class);
      List<Endpoint> hostileEndpoints = new ArrayList<>();
      for (Behaviour b : Behaviour.values()) {
        ScriptedReceiver receiver = ScriptedReceiver.start().byDefault(b.reply(canary.url(Ledger.path(WebhookId.of("wh_redirected")))));
        hostile.add(receiver);
        byBehaviour.put(b, receiver);
        hostileEndpoints.add(Subscriptions.endpoint(WebhookId.of("wh_bad_" + b.name().toLowerCase()), apps.get(0),
            Set.of(WebhookEventType.STREAM_LIVE, WebhookEventType.STREAM_OFFLINE, WebhookEventType.RECORDING_READY),
            webhook -> receiver.url(Ledger.path(webhook)), true));
      }
      Subscriptions.seed(run.sut(), run.ledger(), hostileEndpoints);
      ServiceProcess router = run.sut().startRouter("router", Map.of());
      ServiceProcess deliverer = run.sut().startDeliverer("deliverer", Map.of(
          DelivererConfig.ATTEMPT_TIMEOUT.envName(), "2s", DelivererConfig.CONNECT_TIMEOUT.envName(), "1s"));
      run.sut().awaitHealthy(router, Duration.ofSeconds(90));
      run.sut().awaitHealthy(deliverer, Duration.ofSeconds(60));

      AtomicLong maxHeap = new AtomicLong();
      AtomicLong samples = new AtomicLong();
      sampler.scheduleAtFixedRate(() -> {
        double heap = Metrics.scrape(run.sut().http(), deliverer).heapUsedBytes();
        if (heap > 0) {
          samples.incrementAndGet();
          maxHeap.accumulateAndGet((long) heap, Math::max);
        }
      }, 0, 500, TimeUnit.MILLISECONDS);

      List<RawEvent> events = LoadPlan.streams("hr", apps, 3, 20, Instant.now());
      long start = System.nanoTime();
      CompletableFuture<Void> publication = run.publish(events, Duration.ofSeconds(6));
      Publisher.await(publication, Duration.ofSeconds(60));
      run.awaitAllDelivered(Duration.ofSeconds(60));
      double healthySeconds = (System.nanoTime() - start) / 1e9;
      // The scripted failures have run their course: all but the 429s (held up to the Retry-After cap) are dead.
      Map<WebhookId, Integer> expectedDead = new HashMap<>();
      for (Endpoint e : hostileEndpoints) {
        if (!e.url().equals(byBehaviour.get(Behaviour.TOO_MANY_REQUESTS).url(Ledger.path(e.webhook())))) {
          expectedDead.put(e.webhook(), run.ledger().expectedFor(e.webhook()).size());
        }
      }
      AtomicReference<List<DeadLetter>> dead = new AtomicReference<>(List.of());
      Deadline.await("dead letters of the failing receivers", Duration.ofSeconds(60), () -> {
        dead.set(Records.deadLetters(run.sut()));
        Map<WebhookId, Long> perWebhook = dead.get().stream().collect(Collectors.groupingBy(d -> d.delivery().webhookId(),
            Collectors.counting()));
        return expectedDead.entrySet().stream()
            .filter(e -> !e.getKey().value().endsWith("endless_body"))
            .allMatch(e -> perWebhook.getOrDefault(e.getKey(), 0L) >= e.getValue());
      }, () -> "dead so far: " + dead.get().size());
      sampler.shutdownNow();

      List<AttemptLog> attempts = Records.attempts(run.sut());
      Map<String, List<AttemptLog>> attemptsByWebhook = attempts.stream()
          .collect(Collectors.groupingBy(a -> a.webhookId().value()));
      long slowest = attempts.stream().filter(a -> a.webhookId().value().startsWith("wh_bad_"))
          .mapToLong(a -> a.attempt().latencyMillis()).max().orElse(0);
      Map<String, Long> slowestByWebhook = attempts.stream().filter(a -> a.webhookId().value().startsWith("wh_bad_"))
          .collect(Collectors.groupingBy(a -> a.webhookId().value(), TreeMap::new,
              Collectors.reducing(0L, a -> a.attempt().latencyMillis(), Math::max)));
      Ledger.Report report = run.ledger().report(dead.get());
      run.figures().put("healthy deliveries", run.ledger().expectedHealthy())
          .put("healthy deliveries per second", Math.round(run.ledger().expectedHealthy() / healthySeconds))
          .put("hostile receivers", Behaviour.values().length)
          .put("hostile requests", hostile.stream().mapToInt(ScriptedReceiver::count).sum())
          .put("slowest hostile attempt ms", slowest).put("slowest attempt ms by receiver", slowestByWebhook)
          .put("deliverer max heap MiB", maxHeap.get() >> 20).put("heap samples", samples.get())
          .put("redirects followed", canary.count());
      for (Behaviour b : Behaviour.values()) {
        run.figures().put("attempts " + b.name().toLowerCase(), attemptsByWebhook.getOrDefault("wh_bad_" + b.name().toLowerCase(),
            List.of()).size());
      }
      run.verify();

      run.assertNeverRestarted(router, deliverer);
      assertThat(samples.get()).as("heap samples from /metrics").isPositive();
      assertThat(maxHeap.get()).as("deliverer heap").isLessThan(HEAP_LIMIT);
      assertThat(canary.count()).as("requests that followed a redirect").isZero();
      // Without the whole-attempt timeout a stall would never end and a drip would take 38 s; the margin is for
      // timers that fire late on a loaded two-core machine.
      assertThat(slowest).as("slowest attempt to a hostile receiver, ms: " + slowestByWebhook)
          .isLessThan(ATTEMPT_TIMEOUT.toMillis() + 10_000);
      assertTooManyRequestsHonouredUpToTheCap(attemptsByWebhook.getOrDefault("wh_bad_too_many_requests", List.of()));
      assertThat(attemptsByWebhook.getOrDefault("wh_bad_redirect", List.of()))
          .isNotEmpty().allSatisfy(a -> {
            assertThat(a.attempt().statusCode()).isEqualTo(302);
            assertThat(a.attempt().result()).isEqualTo(AttemptResult.PERMANENT);
          });
      for (Behaviour b : List.of(Behaviour.STALL, Behaviour.RESET, Behaviour.DRIP)) {
        assertThat(attemptsByWebhook.getOrDefault("wh_bad_" + b.name().toLowerCase(), List.of())).as(b.name())
            .isNotEmpty().allSatisfy(a -> assertThat(a.attempt().result()).isEqualTo(AttemptResult.TEMPORARY));
      }
      assertThat(report.expected()).isGreaterThan(1000);
    } finally {
      sampler.shutdownNow();
      hostile.forEach(ScriptedReceiver::close);
    }
  }

  /**
   * 429 with Retry-After of ~31 years: retried (temporary), and the next try is due no later than the 5-minute cap.
   * An attempt may also end in a transport error on a reused connection; that is temporary too.
   */
  private static void assertTooManyRequestsHonouredUpToTheCap(List<AttemptLog> attempts) {
    assertThat(attempts).extracting(a -> a.attempt().statusCode()).contains(429);
    assertThat(attempts).allSatisfy(a -> assertThat(a.attempt().result()).isEqualTo(AttemptResult.TEMPORARY));
    assertThat(attempts).filteredOn(a -> a.attempt().statusCode() == 429 && a.nextDueAt() != null).allSatisfy(a ->
        assertThat(Duration.between(a.attempt().startedAt(), a.nextDueAt())).isLessThanOrEqualTo(Duration.ofMinutes(5).plusSeconds(5)));
  }
}
