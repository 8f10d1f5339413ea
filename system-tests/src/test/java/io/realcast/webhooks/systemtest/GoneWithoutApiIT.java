package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.systemtest.harness.Deadline;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.Publisher;
import io.realcast.webhooks.systemtest.harness.Records;
import io.realcast.webhooks.systemtest.harness.RestClient;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.ScenarioRun;
import io.realcast.webhooks.systemtest.harness.ScenarioRun.Pipeline;
import io.realcast.webhooks.systemtest.harness.ServiceProcess;
import io.realcast.webhooks.testkit.Endpoint;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import io.realcast.webhooks.testkit.Ledger;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.topic.RetrySchedule;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A 410 while no api runs: an app registers two webhooks through the api, one at an endpoint that answers 410 Gone; the
 * api is stopped (SIGTERM), then the app's streams publish. The deliverer must disable the gone webhook on its own, in
 * realcast.webhooks; when the api starts again it reads the webhook as disabled, and the other webhook got everything.
 */
@ExtendWith(ForkedBrokerExtension.class)
class GoneWithoutApiIT {
  private static final String ADMIN_KEY = "admin-key-for-the-gone-without-api-scenario";
  /** Every type the ledger can predict but webhook.disabled: the notice of the disable is not part of this ledger. */
  private static final Set<WebhookEventType> TYPES = types();

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldDisableAWebhookWhoseEndpointAnswers410WhileTheApiIsStopped(ForkedKafkaBroker broker) {
    try (ScenarioRun run = new ScenarioRun(ScenarioInfo.GONE_WITHOUT_API, "ga", broker.bootstrapServers(),
        RetrySchedule.parse("1s,2s,4s"))) {
      ServiceProcess api = run.sut().startApi("api", ADMIN_KEY, Map.of());
      run.sut().awaitReady(api, Duration.ofSeconds(90));
      RestClient client = new RestClient(run.sut().http(), api.metricsPort());
      RestClient.App app = client.createApp(ADMIN_KEY, "gone without api");
      Endpoint gone = register(run, client, app, true);
      Endpoint healthy = register(run, client, app, false);
      run.receiver().always(Ledger.path(gone.webhook()), Reply.status(410));
      Pipeline pipeline = run.startPipeline();

      api.stop();
      assertThat(api.isAlive()).as("the api is stopped before anything is published").isFalse();
      Publisher.await(run.publish(run.load(List.of(gone.app()), 2, 2), Duration.ofSeconds(2)), Duration.ofSeconds(60));
      run.awaitAllDelivered(Duration.ofSeconds(60));
      Subscription disabled = awaitLatest(run, gone.webhook(), s -> !s.enabled());
      int expectedForGone = run.ledger().expectedFor(gone.webhook()).size();
      // Once the router reads the disabled record it makes no more deliveries for the webhook; each it made must end dead.
      List<DeliveryId> madeForGone = Records.deliveries(run.sut()).stream().filter(d -> d.webhookId().equals(gone.webhook()))
          .map(Delivery::id).distinct().toList();
      AtomicReference<List<DeadLetter>> goneDead = new AtomicReference<>(List.of());
      Deadline.await("every delivery made for the gone webhook dead-lettered", Duration.ofSeconds(60), () -> {
        goneDead.set(Records.deadLetters(run.sut()).stream().filter(d -> d.delivery().webhookId().equals(gone.webhook())).toList());
        return goneDead.get().size() >= madeForGone.size();
      }, () -> "(saw " + goneDead.get().size() + " of " + madeForGone.size() + ")");
      int requestsToGone = run.receiver().requests(Ledger.path(gone.webhook())).size();

      api.start();
      run.sut().awaitReady(api, Duration.ofSeconds(90));
      JsonNode goneRead = RestClient.json(client.send(HttpMethod.GET, path(app, gone), app.key(), null), 200);
      JsonNode healthyRead = RestClient.json(client.send(HttpMethod.GET, path(app, healthy), app.key(), null), 200);

      run.figures().put("requests to the endpoint answering 410", requestsToGone)
          .put("events the gone webhook subscribed to", expectedForGone)
          .put("deliveries made for it (none once the router read the disable)", madeForGone.size())
          .put("its dead letters by reason", new TreeMap<>(goneDead.get().stream()
              .collect(Collectors.groupingBy(d -> d.reason().code(), Collectors.counting()))))
          .put("disabled in realcast.webhooks by", "the deliverer (api stopped), version " + disabled.version())
          .put("api after restart, the gone webhook enabled", goneRead.path("enabled").asBoolean())
          .put("api after restart, its disabled_reason", goneRead.path("disabled_reason").asText())
          .put("api after restart, the other webhook enabled", healthyRead.path("enabled").asBoolean());
      run.verify();

      assertThat(disabled.disabledReason()).startsWith("gone");
      assertThat(goneRead.path("enabled").asBoolean()).as(goneRead.toString()).isFalse();
      assertThat(goneRead.path("disabled_reason").asText()).isEqualTo(disabled.disabledReason());
      assertThat(goneRead.path("version").asLong()).isEqualTo(disabled.version());
      assertThat(healthyRead.path("enabled").asBoolean()).as(healthyRead.toString()).isTrue();
      assertThat(madeForGone).as("deliveries made for the gone webhook").isNotEmpty();
      assertThat(requestsToGone).as("the endpoint is asked at least once, and never twice for one delivery")
          .isBetween(1, madeForGone.size());
      assertThat(goneDead.get().stream().map(d -> d.delivery().id()).distinct())
          .as("each delivery made for the gone webhook dead-lettered").containsExactlyInAnyOrderElementsOf(madeForGone);
      assertThat(api.pids()).as("stopped once, started once").hasSize(2);
      run.assertNeverRestarted(pipeline.router(), pipeline.deliverer());
    }
  }

  /**
   * A webhook of {@code app} created through the api for every predictable type, then pointed at its own path of the
   * scenario's receiver (which names the webhook, so the ledger can check it), and registered with the ledger.
   */
  private static Endpoint register(ScenarioRun run, RestClient client, RestClient.App app, boolean mayFail) {
    String events = TYPES.stream().map(t -> "\"" + t.wireName() + "\"").collect(Collectors.joining(","));
    JsonNode created = RestClient.json(client.send(HttpMethod.POST, "/v1/apps/" + app.id() + "/webhooks", app.key(),
        "{\"url\":\"" + run.receiver().url("/pending") + "\",\"events\":[" + events + "]}"), 201);
    WebhookId id = WebhookId.of(created.path("id").asText());
    String url = run.receiver().url(Ledger.path(id));
    RestClient.json(client.send(HttpMethod.PATCH, "/v1/apps/" + app.id() + "/webhooks/" + id.value(), app.key(),
        "{\"url\":\"" + url + "\"}"), 200);
    Endpoint endpoint = new Endpoint(id, AppId.of(app.id()), TYPES,
        new WebhookSecret(created.path("secret").asText()), url, mayFail);
    run.ledger().register(endpoint);
    return endpoint;
  }

  private static Set<WebhookEventType> types() {
    Set<WebhookEventType> types = Endpoint.predictableTypes();
    types.remove(WebhookEventType.WEBHOOK_DISABLED);
    return types;
  }

  private static String path(RestClient.App app, Endpoint endpoint) {
    return "/v1/apps/" + app.id() + "/webhooks/" + endpoint.webhook().value();
  }

  /** Reads realcast.webhooks until the latest record of {@code webhook} matches. */
  private static Subscription awaitLatest(ScenarioRun run, WebhookId webhook, Predicate<Subscription> which) {
    AtomicReference<Subscription> latest = new AtomicReference<>();
    Deadline.await("a record of " + webhook + " as expected in realcast.webhooks", Duration.ofSeconds(60), () -> {
      Records.read(run.sut(), run.sut().topics().webhooks()).stream()
          .filter(r -> webhook.value().equals(r.key()) && r.value() != null)
          .reduce((a, b) -> b).map(r -> SubscriptionCodec.decode(r.value())).ifPresent(latest::set);
      return latest.get() != null && which.test(latest.get());
    }, () -> "(latest: " + latest.get() + ")");
    return latest.get();
  }
}
