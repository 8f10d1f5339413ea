package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.systemtest.harness.Deadline;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.ServiceProcess;
import io.realcast.webhooks.systemtest.harness.Subscriptions;
import io.realcast.webhooks.systemtest.harness.SystemUnderTest;
import io.realcast.webhooks.testing.TestEvents;
import io.realcast.webhooks.testkit.Endpoint;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import io.realcast.webhooks.testkit.Ledger;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.topic.RetrySchedule;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant cannot stall another: an app with 40 webhooks on 10 ports of receivers that accept connections and never
 * answer publishes 300 events (12,000 deliveries that hang for the whole attempt timeout); 15 s later another app
 * publishes 5 events, and each reaches its healthy receiver within 5 s of being published. Router and deliverer run
 * as separate JVMs with their default limits and timeouts.
 */
@ExtendWith(ForkedBrokerExtension.class)
class TenantIsolationIT {
  private static final Logger LOG = LoggerFactory.getLogger(TenantIsolationIT.class);
  private static final int STALLING_PORTS = 10;
  private static final int NOISY_WEBHOOKS = 40;
  private static final int NOISY_EVENTS = 300;
  private static final int QUIET_EVENTS = 5;
  private static final Duration QUIET_AFTER = Duration.ofSeconds(15);
  private static final Duration WITHIN = Duration.ofSeconds(5);

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldDeliverAnotherAppsEventsWithinFiveSecondsWhileOneAppsEndpointsHang(ForkedKafkaBroker broker) throws Exception {
    List<ScriptedReceiver> stalls = new ArrayList<>();
    try (SystemUnderTest sut = new SystemUnderTest("isolation", broker.bootstrapServers(), RetrySchedule.DEFAULT)) {
      for (int p = 0; p < STALLING_PORTS; p++) {
        stalls.add(ScriptedReceiver.start().byDefault(Reply.stall()));
      }
      Map<String, Long> arrivals = new ConcurrentHashMap<>();
      HttpServer healthy = sut.vertx().createHttpServer().requestHandler(request -> {
        arrivals.putIfAbsent(request.getHeader("X-RealCast-Webhook-Id"), System.nanoTime());
        request.response().end("ok");
      });
      healthy.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);

      AppId noisy = AppId.of("app_noisy");
      AppId quiet = AppId.of("app_quiet");
      List<Endpoint> endpoints = new ArrayList<>();
      for (int w = 0; w < NOISY_WEBHOOKS; w++) {
        ScriptedReceiver stall = stalls.get(w % STALLING_PORTS);
        endpoints.add(Subscriptions.endpoint(WebhookId.of("wh_noisy_" + w), noisy, EnumSet.of(WebhookEventType.CHAT_MESSAGE_NEW),
            webhook -> stall.url(Ledger.path(webhook)), true));
      }
      endpoints.add(Subscriptions.endpoint(WebhookId.of("wh_quiet"), quiet, EnumSet.of(WebhookEventType.CHAT_MESSAGE_NEW),
          id -> "http://127.0.0.1:" + healthy.actualPort() + "/hooks/" + id.value(), false));
      Subscriptions.seed(sut, new Ledger(), endpoints);

      ServiceProcess router = sut.startRouter("router", Map.of());
      ServiceProcess deliverer = sut.startDeliverer("deliverer", Map.of());
      sut.awaitHealthy(router, Duration.ofSeconds(90));
      sut.awaitHealthy(deliverer, Duration.ofSeconds(90));

      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(sut.kafka().producerProperties("isolation-load"))) {
        long noisyAt = System.nanoTime();
        for (int i = 0; i < NOISY_EVENTS; i++) {
          send(producer, sut, TestEvents.event().app(noisy).stream("stream_noisy_" + i % 8).chat("fan", "noisy " + i));
        }
        producer.flush();
        // The scenario's own timing: the noisy tenant has been hanging the deliverer's requests for 15 s.
        Deadline.await("15 s of hanging requests at the stalling receivers", QUIET_AFTER.plusSeconds(30),
            () -> System.nanoTime() - noisyAt >= QUIET_AFTER.toNanos() && requests(stalls) > 0);

        Map<String, Long> published = new ConcurrentHashMap<>();
        for (int i = 0; i < QUIET_EVENTS; i++) {
          RawEvent event = TestEvents.event().app(quiet).stream("stream_quiet").chat("calm", "quiet " + i);
          send(producer, sut, event);
          producer.flush();
          published.put(DeliveryId.derive(event.id(), WebhookId.of("wh_quiet")).value(), System.nanoTime());
        }
        Deadline.await("the quiet app's " + QUIET_EVENTS + " deliveries", Duration.ofSeconds(60),
            () -> arrivals.keySet().containsAll(published.keySet()), () -> "arrived: " + arrivals.keySet());

        List<Long> millis = new ArrayList<>();
        published.forEach((id, at) -> millis.add((arrivals.get(id) - at) / 1_000_000));
        LOG.info("Quiet app: each delivery arrived within {} ms of its publication (ms: {}); {} requests hung at the stalls",
            millis.stream().mapToLong(Long::longValue).max().orElse(0), millis, requests(stalls));
        assertThat(millis).as("ms from publication to arrival").allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(WITHIN.toMillis()));
        assertThat(requests(stalls)).as("the noisy tenant's requests did reach its hanging endpoints").isPositive();
        assertThat(deliverer.isAlive()).isTrue();
      }
    } finally {
      stalls.forEach(ScriptedReceiver::close);
    }
  }

  private static void send(KafkaProducer<String, byte[]> producer, SystemUnderTest sut, RawEvent event) {
    producer.send(new ProducerRecord<>(sut.topics().events(), event.streamId(), event.toJson()));
  }

  private static int requests(List<ScriptedReceiver> stalls) {
    return stalls.stream().mapToInt(ScriptedReceiver::count).sum();
  }
}
