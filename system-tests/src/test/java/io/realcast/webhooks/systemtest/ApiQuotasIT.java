package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.api.Quotas;
import io.realcast.webhooks.systemtest.harness.BlockingHttp.Response;
import io.realcast.webhooks.systemtest.harness.Figures;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.Records;
import io.realcast.webhooks.systemtest.harness.RestClient;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.ServiceProcess;
import io.realcast.webhooks.systemtest.harness.SystemUnderTest;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import io.realcast.webhooks.topic.RetrySchedule;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario: one app goes over every quota of a running api (small limits, set as the settings say): webhooks per
 * app, and the per-app rates of /test, /redeliver, /replay and /recover. Every breach must be answered 429 (with
 * Retry-After for the rates) and must store nothing: the topics hold exactly the writes that were allowed.
 */
@ExtendWith(ForkedBrokerExtension.class)
class ApiQuotasIT {
  private static final String ADMIN_KEY = "admin-key-for-the-api-quotas-scenario";
  private static final Quotas QUOTAS = new Quotas(5, 3, 3, 2);
  private static final int BREACHES_EACH = 10;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldAnswerEveryQuotaBreachWith429AndStoreNothing(ForkedKafkaBroker broker) {
    Figures figures = new Figures(ScenarioInfo.API_QUOTAS);
    try (SystemUnderTest sut = new SystemUnderTest(ScenarioInfo.API_QUOTAS.id(), broker.bootstrapServers(),
        RetrySchedule.parse("1s,2s,4s"))) {
      ServiceProcess api = sut.startApi("api", ADMIN_KEY, Map.of(
          Quotas.WEBHOOKS_PER_APP.envName(), Integer.toString(QUOTAS.webhooksPerApp()),
          Quotas.TESTS_PER_MINUTE.envName(), Integer.toString(QUOTAS.testsPerMinute()),
          Quotas.REDELIVERIES_PER_MINUTE.envName(), Integer.toString(QUOTAS.redeliveriesPerMinute()),
          Quotas.REPLAYS_PER_MINUTE.envName(), Integer.toString(QUOTAS.replaysPerMinute())));
      sut.awaitReady(api, Duration.ofSeconds(90));
      RestClient client = new RestClient(sut.http(), api.metricsPort());
      RestClient.App app = client.createApp(ADMIN_KEY, "greedy");
      RestClient.App other = client.createApp(ADMIN_KEY, "bystander");
      String webhooks = "/v1/apps/" + app.id() + "/webhooks";
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < QUOTAS.webhooksPerApp(); i++) {
        ids.add(client.createWebhook(app, body(i)));
      }
      // Each quota used up, then breached at once (before a token can refill), the topics counted around the breach.
      Map<String, List<Response>> breaches = new LinkedHashMap<>();
      Map<String, String> stored = new LinkedHashMap<>();
      breach(sut, breaches, stored, "webhooks", () -> client.send(HttpMethod.POST, webhooks, app.key(), body(100)));
      String base = webhooks + "/" + ids.get(0);
      List<String> deliveries = new ArrayList<>();
      for (int i = 0; i < QUOTAS.testsPerMinute(); i++) {
        deliveries.add(RestClient.json(client.send(HttpMethod.POST, base + "/test", app.key(), "{\"event\":\"stream.live\"}"), 202)
            .path("delivery_id").asText());
      }
      breach(sut, breaches, stored, "test", () -> client.send(HttpMethod.POST, base + "/test", app.key(), "{\"event\":\"stream.live\"}"));
      for (int i = 0; i < QUOTAS.redeliveriesPerMinute(); i++) {
        RestClient.json(client.send(HttpMethod.POST, "/v1/apps/" + app.id() + "/deliveries/" + deliveries.get(i) + "/redeliver",
            app.key(), null), 202);
      }
      breach(sut, breaches, stored, "redeliver", () -> client.send(HttpMethod.POST,
          "/v1/apps/" + app.id() + "/deliveries/" + deliveries.get(0) + "/redeliver", app.key(), null));
      String since = "{\"since\":\"2020-01-01T00:00:00Z\"}";
      RestClient.json(client.send(HttpMethod.POST, base + "/replay", app.key(), "{\"since\":\"2020-01-01T00:00:00Z\",\"dry_run\":true}"),
          200);
      RestClient.json(client.send(HttpMethod.POST, base + "/recover", app.key(), since), 202);
      breach(sut, breaches, stored, "replay", () -> client.send(HttpMethod.POST, base + "/replay", app.key(), since));
      breach(sut, breaches, stored, "recover", () -> client.send(HttpMethod.POST, base + "/recover", app.key(), since));
      // Another app's own quota is untouched by the first one's breaches.
      String bystander = client.createWebhook(other, body(0));
      Response theirs = client.send(HttpMethod.POST, "/v1/apps/" + other.id() + "/webhooks/" + bystander + "/test", other.key(),
          "{\"event\":\"stream.live\"}");

      int answered429 = 0;
      int withRetryAfter = 0;
      for (Map.Entry<String, List<Response>> e : breaches.entrySet()) {
        for (Response r : e.getValue()) {
          answered429 += r.status() == 429 ? 1 : 0;
          withRetryAfter += r.headers().containsKey("Retry-After") ? 1 : 0;
        }
      }
      figures.put("quotas", QUOTAS).put("breaching requests", BREACHES_EACH * breaches.size()).put("answered 429", answered429)
          .put("rate-limit answers with Retry-After", withRetryAfter).put("records before and after each breach", stored)
          .put("another app's test event", theirs.status()).put("api restarts", api.pids().size() - 1).write();

      breaches.forEach((quota, answers) -> assertThat(answers).as(quota).allSatisfy(r -> {
        assertThat(r.status()).as(r.body()).isEqualTo(429);
        assertThat(r.body()).contains(quota.equals("webhooks") ? "\"quota_exceeded\"" : "\"rate_limited\"");
      }));
      breaches.entrySet().stream().filter(e -> !e.getKey().equals("webhooks")).forEach(e -> assertThat(e.getValue())
          .as(e.getKey()).allSatisfy(r -> assertThat(Long.parseLong(r.headers().get("Retry-After"))).isBetween(1L, 60L)));
      stored.forEach((quota, counts) -> assertThat(counts).as("records before -> after the %s breaches", quota)
          .matches(c -> c.split(" -> ")[0].equals(c.split(" -> ")[1])));
      assertThat(theirs.status()).isEqualTo(202);
      assertThat(api.pids()).hasSize(1);
    }
  }

  /** Sends {@value #BREACHES_EACH} requests over a quota, and the topics' record counts around them. */
  private static void breach(SystemUnderTest sut, Map<String, List<Response>> breaches, Map<String, String> stored, String quota,
      Supplier<Response> request) {
    Map<String, Integer> before = counts(sut);
    List<Response> answers = new ArrayList<>();
    for (int i = 0; i < BREACHES_EACH; i++) {
      answers.add(request.get());
    }
    breaches.put(quota, answers);
    stored.put(quota, before + " -> " + counts(sut));
  }

  private static String body(int i) {
    return "{\"url\":\"https://93.184.215.14/q" + i + "\",\"events\":[\"stream.live\"]}";
  }

  private static Map<String, Integer> counts(SystemUnderTest sut) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("webhooks", Records.read(sut, sut.topics().webhooks()).size());
    counts.put("deliveries", Records.read(sut, sut.topics().deliveries()).size());
    return counts;
  }
}
