package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.deliverer.testing.DeliveryFixture;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.subscription.WebhookHealth;
import io.realcast.webhooks.testing.ShiftedClock;
import io.realcast.webhooks.testkit.TopicReader;
import io.realcast.webhooks.testkit.receiver.RecordedRequest;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.verifier.WebhookVerifier;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A webhook the platform gives up on is disabled by the deliverer itself (no API instance runs here), and its app hears
 * of it through its operational webhook, signed like any delivery (docs/DELIVERY.md, "Disabled webhooks"). A day of
 * failing is a jump of the deliverer's clock; the failing count survives a restart of the deliverer.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AutoDisableIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ShiftedClock clock = new ShiftedClock();
  private final AtomicInteger paths = new AtomicInteger();
  private ScriptedReceiver receiver;
  private DeliveryFixture fixture;
  private String bootstrap;

  /** A webhook on its own path of the receiver. */
  private record Hook(Subscription subscription, String path) {}

  @BeforeAll
  void start(@BootstrapServers String bootstrap) {
    this.bootstrap = bootstrap;
    receiver = ScriptedReceiver.start();
  }

  @BeforeEach
  void topics() {
    fixture = new DeliveryFixture(bootstrap, TestTopics.unique("disable"), RetrySchedule.parse("100ms,200ms,300ms"), 3, clock);
  }

  @AfterEach
  void closeFixture() {
    fixture.close();
  }

  @AfterAll
  void stop() {
    receiver.close();
  }

  @Test
  void shouldDisableAWebhookFailingForADayWithTenDeadLettersAndTellItsAppOnce() throws Exception {
    DelivererService first = fixture.startDeliverer(c -> c);
    fixture.awaitDelivering(receiver);
    String failingPath = path();
    receiver.always(failingPath, Reply.status(503));
    Subscription failing = fixture.subscribe(receiver.url(failingPath));
    Hook operational = operationalWebhookOf(failing.appId());
    Hook otherAppsOperational = operationalWebhookOf(AppId.random(clock));
    Instant failingSince = clock.instant();

    List<Delivery> deliveries = new ArrayList<>();
    for (int i = 0; i < DisableRule.DEFAULT.minDeadLetters(); i++) {
      deliveries.add(fixture.deliver(failing, WebhookEventType.CHAT_MESSAGE_NEW));
    }
    awaitDeadLetters(deliveries);
    // Stopping writes what this instance knows of the failing webhook; the next instance goes on from there.
    first.close();
    WebhookHealth health = awaitHealth(failing, h -> h.deadLetters() == DisableRule.DEFAULT.minDeadLetters());
    assertThat(health.failingSince()).isBetween(failingSince, failingSince.plusSeconds(10));
    assertThat(latest(failing)).satisfies(s -> assertThat(s.enabled()).as("failing for minutes: still enabled").isTrue());

    fixture.startDeliverer(c -> c);
    clock.jump(Duration.ofHours(25));
    fixture.deliver(failing, WebhookEventType.STREAM_LIVE);

    Subscription disabled = awaitLatest(failing, s -> !s.enabled());
    assertThat(disabled.version()).isEqualTo(failing.version() + 1);
    assertThat(disabled.disabledReason()).startsWith("failing: every attempt failed for 25 h with 10 dead letters; last: 5xx");
    RecordedRequest notice = receiver.await(operational.path(), 1, WAIT).get(0);
    verify(notice, operational);
    JsonNode body = Json.readTree(notice.body());
    assertThat(body.path("event").asText()).isEqualTo("webhook.disabled");
    JsonNode data = body.path("data");
    assertThat(data.path("webhook_id").asText()).isEqualTo(failing.id().value());
    assertThat(data.path("url").asText()).isEqualTo(failing.url());
    assertThat(data.path("reason").asText()).isEqualTo("failing");
    assertThat(data.path("dead_letters").asLong()).isEqualTo(10);
    assertThat(Instant.parse(data.path("failing_since").asText()))
        .isEqualTo(health.failingSince().truncatedTo(ChronoUnit.SECONDS));
    assertThat(receiver.requests(otherAppsOperational.path())).as("another app's operational webhook").isEmpty();
    int tried = receiver.requests(failingPath).size();

    // Disabled: what is still sent to it is dead-lettered without an attempt...
    DeadLetter skipped = awaitDead(fixture.deliver(failing, WebhookEventType.STREAM_OFFLINE));
    assertThat(skipped.delivery().attempts()).isEmpty();
    assertThat(skipped.detail()).contains("failing: every attempt failed");
    // ...until its owner fixes the endpoint and enables it again: then it is sent to, and counted afresh.
    receiver.always(failingPath, Reply.ok());
    Instant fixedAt = clock.instant();
    fixture.put(new Subscription(disabled.id(), disabled.appId(), disabled.url(), disabled.events(), true,
        disabled.description(), disabled.secret(), Optional.empty(), disabled.createdAt(), fixedAt, null, disabled.options(),
        disabled.version() + 1));
    Delivery afterFix = fixture.deliver(failing, WebhookEventType.STREAM_LIVE);
    assertThat(receiver.await(failingPath, tried + 1, WAIT)).last()
        .satisfies(r -> assertThat(r.webhookId()).isEqualTo(afterFix.id().value()));
    assertThat(receiver.requests(operational.path())).as("one disable, one notice").hasSize(1);
  }

  @Test
  void shouldDisableAWebhookAtOnceWhenItsEndpointAnswers410AndTellItsApp() throws Exception {
    fixture.startDeliverer(c -> c);
    String gonePath = path();
    receiver.always(gonePath, Reply.status(410));
    Subscription gone = fixture.subscribe(receiver.url(gonePath));
    Hook operational = operationalWebhookOf(gone.appId());

    fixture.deliver(gone, WebhookEventType.RECORDING_READY);

    Subscription disabled = awaitLatest(gone, s -> !s.enabled());
    assertThat(disabled.disabledReason()).startsWith("gone: the endpoint answered 410 Gone");
    RecordedRequest notice = receiver.await(operational.path(), 1, WAIT).get(0);
    verify(notice, operational);
    JsonNode data = Json.readTree(notice.body()).path("data");
    assertThat(data.path("reason").asText()).isEqualTo("gone");
    assertThat(data.path("failing_since").isNull()).isTrue();
    assertThat(receiver.requests(gonePath)).hasSize(1);
  }

  /** A webhook of {@code app} that receives only {@code webhook.disabled}, on its own path that answers 200. */
  private Hook operationalWebhookOf(AppId app) throws Exception {
    String path = path();
    receiver.always(path, Reply.ok());
    Subscription any = fixture.subscribe(receiver.url(path));
    Instant now = clock.instant();
    return new Hook(fixture.put(new Subscription(any.id(), app, any.url(), Set.of(WebhookEventType.WEBHOOK_DISABLED), true,
        "operational", any.secret(), Optional.empty(), now, now, null, any.options(), 1)), path);
  }

  /** As a receiver checks it: the Standard Webhooks signature, its timestamp within 5 minutes of the receiver's clock. */
  private void verify(RecordedRequest notice, Hook operational) throws Exception {
    WebhookVerifier.builder().secret(operational.subscription().secret().value()).clock(clock).build()
        .verifyStandardWebhooks(notice.body(), notice::header);
  }

  private String path() {
    return "/disable-" + paths.incrementAndGet();
  }

  private void awaitDeadLetters(List<Delivery> deliveries) throws TimeoutException {
    Set<String> ids = new HashSet<>();
    deliveries.forEach(d -> ids.add(d.id().value()));
    fixture.dead().await(d -> ids.contains(d.delivery().id().value()), deliveries.size(), WAIT);
  }

  private DeadLetter awaitDead(Delivery d) throws TimeoutException {
    return fixture.dead().await(l -> l.delivery().id().equals(d.id()), 1, WAIT).get(0);
  }

  private WebhookHealth awaitHealth(Subscription s, Predicate<WebhookHealth> which) {
    List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(bootstrap, fixture.topics.webhookHealth(),
        rs -> rs.stream().anyMatch(r -> matches(r, s, which)), WAIT);
    return records.stream().filter(r -> matches(r, s, which)).map(r -> WebhookHealth.decode(r.value())).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no health record of " + s.id() + " as expected in " + records.size()));
  }

  private static boolean matches(ConsumerRecord<String, byte[]> r, Subscription s, Predicate<WebhookHealth> which) {
    return r.key().equals(s.id().value()) && r.value() != null && which.test(WebhookHealth.decode(r.value()));
  }

  private Subscription latest(Subscription s) {
    return TopicReader.readAll(bootstrap, fixture.topics.webhooks(), WAIT).stream()
        .filter(r -> r.key().equals(s.id().value())).map(r -> SubscriptionCodec.decode(r.value())).reduce((a, b) -> b)
        .orElseThrow();
  }

  private Subscription awaitLatest(Subscription s, Predicate<Subscription> which) {
    List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(bootstrap, fixture.topics.webhooks(),
        rs -> rs.stream().anyMatch(r -> r.key().equals(s.id().value()) && which.test(SubscriptionCodec.decode(r.value()))),
        WAIT);
    return records.stream().filter(r -> r.key().equals(s.id().value())).map(r -> SubscriptionCodec.decode(r.value()))
        .filter(which).findFirst().orElseThrow(() -> new AssertionError("no record of " + s.id() + " as expected"));
  }
}
