package io.realcast.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.delivery.DeliveryState;
import io.realcast.webhooks.delivery.Requeue;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.testkit.TopicReader;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code realcast dlq} in-process against the embedded broker: what it lists and sends, and how it refuses bad input. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(180)
class DlqCommandIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final AppId APP = AppId.of("app_dlq");
  private static final WebhookId HOOK = WebhookId.of("wh_dlq");
  private static final WebhookId OTHER = WebhookId.of("wh_other");
  private static final WebhookId GONE = WebhookId.of("wh_gone");

  private String bootstrap;
  private Topics topics;
  private KafkaSettings kafka;
  private ConfigSource environment;
  private final Instant start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);

  @BeforeEach
  void environment(@BootstrapServers String bootstrap) {
    this.bootstrap = bootstrap;
    String prefix = TestTopics.unique("dlq") + ".";
    topics = new Topics(prefix, RetrySchedule.DEFAULT);
    kafka = KafkaSettings.forBootstrap(bootstrap, topics);
    environment = ConfigSource.of(Map.of()).with(Map.of(KafkaSettings.BOOTSTRAP.envName(), bootstrap,
        KafkaSettings.TOPIC_PREFIX.envName(), prefix, KafkaSettings.PARTITIONS.envName(), "3"));
    assertThat(ToolCli.run(environment, "topics").exitCode()).isZero();
  }

  private Delivery delivery(WebhookId webhook, String event, Instant created) {
    return Delivery.first(webhook, APP, WebhookEventType.STREAM_LIVE, EventId.of("evt_" + event), created, created,
        ("{\"event\":\"stream.live\",\"data\":{\"stream_id\":\"" + event + "\"}}").getBytes(StandardCharsets.UTF_8));
  }

  private ProducerRecord<String, byte[]> dead(Delivery d, Instant at) {
    Delivery tried = d.after(new Attempt(1, at.minusSeconds(1), 20, 500, null, AttemptResult.TEMPORARY), null);
    return new ProducerRecord<>(topics.dead(), null, at.toEpochMilli(), d.webhookId().value(),
        DeliveryCodec.encode(new DeadLetter(tried, DeadReason.RETRIES_EXHAUSTED, "HTTP 500", at)));
  }

  private ProducerRecord<String, byte[]> webhook(WebhookId id, boolean enabled) {
    Subscription s = new Subscription(id, APP, "https://93.184.215.14/hook", Set.of(WebhookEventType.STREAM_LIVE), enabled, "",
        WebhookSecret.generate(new SecureRandom()), Optional.empty(), start, start, enabled ? null : "gone: test", DeliveryOptions.DEFAULTS, 1);
    return new ProducerRecord<>(topics.webhooks(), id.value(), SubscriptionCodec.encode(s));
  }

  private void write(List<ProducerRecord<String, byte[]>> records) throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProperties("dlq-test"))) {
      for (ProducerRecord<String, byte[]> r : records) {
        producer.send(r).get();
      }
    }
  }

  /** Three dead letters of HOOK created in the window (one delivered since), one before it; one each of OTHER and GONE. */
  private List<Delivery> history() throws Exception {
    Delivery before = delivery(HOOK, "before", start.minusSeconds(600));
    Delivery a = delivery(HOOK, "a", start.plusSeconds(10));
    Delivery b = delivery(HOOK, "b", start.plusSeconds(20));
    Delivery healed = delivery(HOOK, "healed", start.plusSeconds(30));
    Delivery other = delivery(OTHER, "other", start.plusSeconds(40));
    Delivery gone = delivery(GONE, "gone", start.plusSeconds(50));
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(List.of(webhook(HOOK, true), webhook(OTHER, false)));
    for (Delivery d : List.of(before, a, b, healed, other, gone)) {
      records.add(dead(d, d.createdAt().plusSeconds(31)));
    }
    Attempt later = new Attempt(1, healed.createdAt().plusSeconds(120), 9, 200, null, AttemptResult.DELIVERED);
    records.add(new ProducerRecord<>(topics.attempts(), null, later.startedAt().toEpochMilli(), HOOK.value(),
        DeliveryCodec.encode(AttemptLog.of(healed, later, DeliveryState.DELIVERED, null))));
    write(records);
    return List.of(before, a, b, healed, other, gone);
  }

  @Test
  void shouldListDeadLettersNewestFirstFilteredByWebhookAndTime() throws Exception {
    List<Delivery> d = history();
    ToolCli.Run all = ToolCli.run(environment, "dlq", "list");
    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(all.out()).contains("6 dead letters");
    assertThat(all.out().indexOf(d.get(5).id().value())).isLessThan(all.out().indexOf(d.get(1).id().value()));
    assertThat(all.err()).contains("scanned 6 of 6 (100%)");

    ToolCli.Run one = ToolCli.run(environment, "dlq", "list", "--webhook", HOOK.value(), "--since", start.toString(), "--limit", "2");
    assertThat(one.out()).contains("3 dead letters (2 shown)").doesNotContain(d.get(0).id().value()).doesNotContain(OTHER.value());
  }

  @Test
  void shouldShowOneDeadLetterWithItsBodyAndAttempts() throws Exception {
    Delivery a = history().get(1);
    ToolCli.Run run = ToolCli.run(environment, "dlq", "show", a.id().value());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"dead_reason\" : \"retries_exhausted\"").contains("\"status\" : 500").contains("stream_id");
    ToolCli.Run missing = ToolCli.run(environment, "dlq", "show", "dlv_0000000000000000000000000000abcd");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(missing.err()).contains("no dead letter for dlv_0000000000000000000000000000abcd");
  }

  @Test
  void shouldRedeliverOneWithItsOriginalIdButNotToAWebhookThatIsGoneOrDisabled() throws Exception {
    List<Delivery> d = history();
    ToolCli.Run run = ToolCli.run(environment, "dlq", "redeliver", d.get(1).id().value());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("queued " + d.get(1).id().value() + " to " + HOOK.value());
    List<ConsumerRecord<String, byte[]>> queued = TopicReader.readAtLeast(bootstrap, topics.deliveries(), 1, WAIT);
    assertThat(queued).singleElement().satisfies(r -> {
      assertThat(DeliveryCodec.decodeDelivery(r.value())).isEqualTo(d.get(1).restarted());
      assertThat(r.key()).isEqualTo(HOOK.value());
    });

    ToolCli.Run gone = ToolCli.run(environment, "dlq", "redeliver", d.get(5).id().value());
    assertThat(gone.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(gone.err()).contains("webhook wh_gone no longer exists");
    ToolCli.Run disabled = ToolCli.run(environment, "dlq", "redeliver", d.get(4).id().value());
    assertThat(disabled.err()).contains("webhook wh_other is disabled (gone: test)");
    assertThat(TopicReader.readAll(bootstrap, topics.deliveries(), Duration.ofSeconds(5))).hasSize(1);
  }

  @Test
  void shouldReplayAWindowSkippingWhatWasDeliveredSinceAndQueueNothingTwice() throws Exception {
    List<Delivery> d = history();
    String since = start.toString();
    ToolCli.Run dry = ToolCli.run(environment, "dlq", "replay", "--webhook", HOOK.value(), "--since", since, "--dry-run");
    assertThat(dry.exitCode()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("3 dead letters in the window, 1 already sent again or delivered since; would queue 2 (dry run)");
    assertThat(TopicReader.readAll(bootstrap, topics.deliveries(), Duration.ofSeconds(3))).isEmpty();

    ToolCli.Run real = ToolCli.run(environment, "dlq", "replay", "--webhook", HOOK.value(), "--since", since);
    assertThat(real.exitCode()).as(real.err()).isZero();
    assertThat(real.out()).endsWith("queued 2" + System.lineSeparator());
    assertThat(real.err()).contains("queued 2 of 2 (100%)");
    List<ConsumerRecord<String, byte[]>> queued = TopicReader.readAtLeast(bootstrap, topics.deliveries(), 2, WAIT);
    assertThat(queued).extracting(r -> DeliveryCodec.decodeDelivery(r.value()).id())
        .containsExactlyInAnyOrder(d.get(1).id(), d.get(2).id());
    assertThat(queued).allSatisfy(r -> assertThat(Requeue.replayId(r.headers())).hasValueSatisfying(id -> assertThat(id).startsWith("rpl_")));

    ToolCli.Run again = ToolCli.run(environment, "dlq", "replay", "--webhook", HOOK.value(), "--since", since);
    assertThat(again.out()).contains("3 already sent again or delivered since; queued 0");
    assertThat(TopicReader.readAll(bootstrap, topics.deliveries(), Duration.ofSeconds(3))).hasSize(2);
  }

  @Test
  void shouldRefuseBadInputWithExitCodeTwoAndAMessageNamingIt() {
    ToolCli.Run noSince = ToolCli.run(environment, "dlq", "replay", "--webhook", HOOK.value());
    assertThat(noSince.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(noSince.err()).contains("--since");
    ToolCli.Run badSince = ToolCli.run(environment, "dlq", "replay", "--webhook", HOOK.value(), "--since", "yesterday");
    assertThat(badSince.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(badSince.err()).contains("--since must be an ISO-8601 UTC time");
    ToolCli.Run badWebhook = ToolCli.run(environment, "dlq", "list", "--webhook", "hook-1");
    assertThat(badWebhook.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(badWebhook.err()).contains("--webhook: expected an id of the form wh_");
    ToolCli.Run backwards = ToolCli.run(environment, "dlq", "replay", "--webhook", HOOK.value(), "--since", "2026-01-02T00:00:00Z",
        "--until", "2026-01-01T00:00:00Z");
    assertThat(backwards.err()).contains("--until must be later than --since");
    assertThat(ToolCli.run(environment, "dlq", "list", "--limit", "0").exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(ToolCli.run(environment, "dlq", "redeliver", "not-an-id").err()).contains("DELIVERY_ID");
    ToolCli.Run badKafka = ToolCli.run(environment.with(Map.of(KafkaSettings.PARTITIONS.envName(), "0")), "dlq", "list");
    assertThat(badKafka.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(badKafka.err()).contains("REALCAST_TOPIC_PARTITIONS");
  }
}
