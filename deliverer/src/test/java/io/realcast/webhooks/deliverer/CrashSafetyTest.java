package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.deliverer.testing.DelivererMain;
import io.realcast.webhooks.deliverer.testing.DeliveryFixture;
import io.realcast.webhooks.deliverer.testing.RecordedRequest;
import io.realcast.webhooks.deliverer.testing.Reply;
import io.realcast.webhooks.deliverer.testing.ScriptedReceiver;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.topic.RetrySchedule;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deliverer in its own JVM is killed with SIGKILL in the middle of a load and a new one takes over:
 * every delivery reaches the receiver at least once; a duplicate is always the same delivery (same id,
 * same body).
 */
@ExtendWith(KafkaBrokerExtension.class)
class CrashSafetyTest {
  private static final int WEBHOOKS = 10;
  private static final int DELIVERIES = 3_000;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldLoseNothingWhenKilledMidLoad(@BootstrapServers String bootstrap, @TempDir Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    RetrySchedule schedule = RetrySchedule.parse("200ms,400ms,600ms");
    String prefix = TestTopics.unique("crash");
    Process first = null;
    Process second = null;
    try (ScriptedReceiver receiver = ScriptedReceiver.start(vertx);
        DeliveryFixture fixture = new DeliveryFixture(bootstrap, prefix, schedule, 3)) {
      List<Delivery> deliveries = new ArrayList<>();
      for (int w = 0; w < WEBHOOKS; w++) {
        String path = "/crash-" + w;
        // Slow enough that the kill lands mid-load; two endpoints fail at first so retry topics are in play.
        receiver.always(path, Reply.ok().after(Duration.ofMillis(10)));
        if (w < 2) {
          receiver.script(path, Reply.status(503), Reply.status(503), Reply.status(503));
        }
        Subscription hook = fixture.subscribe(receiver.url(path));
        for (int i = 0; i < DELIVERIES / WEBHOOKS; i++) {
          deliveries.add(fixture.delivery(hook, WebhookEventType.values()[i % WebhookEventType.values().length]));
        }
      }
      fixture.sendAll(deliveries);
      String[] args = {bootstrap, fixture.topics.prefix(), schedule.toString(), "crash-group-" + prefix, "8"};
      Path log = Path.of("target", prefix + "-deliverer.log");

      first = DelivererMain.fork(log, args);
      assertThat(receiver.awaitCount(DELIVERIES / 3, Duration.ofSeconds(90))).as("first third delivered").isTrue();
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
      int beforeRestart = receiver.count();
      assertThat(beforeRestart).as("killed mid-load").isLessThan(DELIVERIES);

      second = DelivererMain.fork(log, args);
      Set<String> expected = new HashSet<>(deliveries.stream().map(d -> d.id().value()).toList());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!receivedIds(receiver).containsAll(expected) && System.nanoTime() < deadline) {
        receiver.awaitCount(receiver.count() + 50, Duration.ofSeconds(1));
      }

      Map<String, byte[]> bodies = new HashMap<>();
      deliveries.forEach(d -> bodies.put(d.id().value(), d.body()));
      List<RecordedRequest> delivered = receiver.requests().stream().filter(r -> r.path().startsWith("/crash-")).toList();
      assertThat(receivedIds(receiver)).containsAll(expected);
      assertThat(delivered).allSatisfy(r -> assertThat(Arrays.equals(r.body(), bodies.get(r.webhookId())))
          .as("a duplicate carries the same id and body").isTrue());
      long ok = delivered.stream().filter(RecordedRequest::answeredOk).count();
      System.out.printf("crash test: %d deliveries, %d requests, %d answered 2xx (%d duplicates), %d before the kill%n",
          DELIVERIES, delivered.size(), ok, ok - DELIVERIES, beforeRestart);
      assertThat(Files.readString(log)).contains(DelivererMain.READY);
    } finally {
      if (first != null) {
        first.destroyForcibly();
      }
      if (second != null) {
        second.destroyForcibly();
        second.waitFor(30, TimeUnit.SECONDS);
      }
      vertx.close();
    }
  }

  private static Set<String> receivedIds(ScriptedReceiver receiver) {
    Set<String> ids = new HashSet<>();
    for (RecordedRequest r : receiver.requests()) {
      if (r.path().startsWith("/crash-") && r.answeredOk()) {
        ids.add(r.webhookId());
      }
    }
    return ids;
  }
}
