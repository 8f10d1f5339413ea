package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario: 200 concurrent writes racing on the same webhooks of a running api (its own JVM): PATCHes, secret
 * rotations and one DELETE per webhook, all sent at once. Afterwards, read from realcast.webhooks itself: no
 * deleted webhook came back, every rotation that was answered is the secret of its version and of every later
 * version, and no version was written twice.
 */
@ExtendWith(ForkedBrokerExtension.class)
class WebhookRacesIT {
  private static final String ADMIN_KEY = "admin-key-for-the-webhook-races-scenario";
  private static final int WEBHOOKS = 20;
  private static final int PER_WEBHOOK = 10;

  /** One request of the race and its answer. */
  private record Sent(String webhook, String kind, Response response) {}

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldNeverResurrectADeletedWebhookNorLoseARotation(ForkedKafkaBroker broker) throws Exception {
    Figures figures = new Figures(ScenarioInfo.WEBHOOK_RACES);
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try (SystemUnderTest sut = new SystemUnderTest(ScenarioInfo.WEBHOOK_RACES.id(), broker.bootstrapServers(),
        RetrySchedule.parse("1s,2s,4s"))) {
      ServiceProcess api = sut.startApi("api", ADMIN_KEY, Map.of());
      sut.awaitReady(api, Duration.ofSeconds(90));
      RestClient client = new RestClient(sut.http(), api.metricsPort());
      RestClient.App app = client.createApp(ADMIN_KEY, "races");
      List<String> webhooks = new ArrayList<>();
      Map<String, String> firstSecret = new TreeMap<>();
      for (int i = 0; i < WEBHOOKS; i++) {
        String id = client.createWebhook(app, "{\"url\":\"https://93.184.215.14/r" + i + "\",\"events\":[\"stream.live\"]}");
        webhooks.add(id);
        firstSecret.put(id, RestClient.json(client.send(HttpMethod.GET, path(app, id) + "/secret", app.key(), null), 200)
            .path("secret").asText());
      }

      List<Callable<Sent>> race = new ArrayList<>();
      for (String id : webhooks) {
        for (int i = 0; i < PER_WEBHOOK; i++) {
          String kind = i == PER_WEBHOOK / 2 ? "delete" : i % 3 == 0 ? "rotate" : "patch";
          int n = i;
          race.add(() -> new Sent(id, kind, switch (kind) {
            case "delete" -> client.send(HttpMethod.DELETE, path(app, id), app.key(), null);
            case "rotate" -> client.send(HttpMethod.POST, path(app, id) + "/secret/rotate", app.key(), null);
            default -> client.send(HttpMethod.PATCH, path(app, id), app.key(), "{\"description\":\"patch " + n + "\",\"enabled\":"
                + (n % 2 == 0) + "}");
          }));
        }
      }
      Collections.shuffle(race);
      long start = System.nanoTime();
      List<Future<Sent>> futures = pool.invokeAll(race);
      long raceMillis = (System.nanoTime() - start) / 1_000_000;
      List<Sent> answers = new ArrayList<>();
      for (Future<Sent> f : futures) {
        answers.add(f.get());
      }

      Map<Integer, Integer> byStatus = new TreeMap<>();
      answers.forEach(a -> byStatus.merge(a.response().status(), 1, Integer::sum));
      List<ConsumerRecord<String, byte[]>> records = Records.read(sut, sut.topics().webhooks());
      List<String> resurrected = new ArrayList<>();
      int lostRotations = 0;
      int repeatedVersions = 0;
      for (String id : webhooks) {
        List<ConsumerRecord<String, byte[]>> mine = records.stream().filter(r -> id.equals(r.key())).toList();
        int tombstone = -1;
        for (int i = 0; i < mine.size(); i++) {
          if (mine.get(i).value() == null) {
            tombstone = i;
          }
        }
        int read = readBack(client, app, id);
        if (tombstone != mine.size() - 1 || read != 404) {
          resurrected.add(id + " (" + (mine.size() - 1 - tombstone) + " records after its tombstone, GET answered " + read + ")");
        }
        List<Subscription> versions = mine.stream().filter(r -> r.value() != null).map(r -> SubscriptionCodec.decode(r.value())).toList();
        repeatedVersions += versions.size() - (int) versions.stream().mapToLong(Subscription::version).distinct().count();
        lostRotations += lostRotations(id, versions, answers, firstSecret.get(id));
      }
      figures.put("webhooks", WEBHOOKS).put("concurrent requests", race.size()).put("answers by status", byStatus)
          .put("race milliseconds", raceMillis).put("resurrected webhooks", resurrected.size() + " " + resurrected).put("lost rotations", lostRotations)
          .put("versions written twice", repeatedVersions).put("api restarts", api.pids().size() - 1).write();

      assertThat(race).hasSize(200);
      assertThat(byStatus.keySet()).as("every request answered 200, 204 or 404 (a request after the delete)")
          .isSubsetOf(200, 204, 404);
      assertThat(answers.stream().filter(a -> a.kind().equals("delete")).map(a -> a.response().status())).containsOnly(204);
      assertThat(resurrected).isEmpty();
      assertThat(lostRotations).isZero();
      assertThat(repeatedVersions).isZero();
      assertThat(api.pids()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Rotations of {@code id} whose secret does not stay the secret until the next answered rotation: version by
   * version, each stored record must carry the secret of the latest rotation at or below its version.
   */
  private static int lostRotations(String id, List<Subscription> versions, List<Sent> answers, String original) {
    Map<Long, String> rotatedAt = new TreeMap<>();
    for (Sent a : answers) {
      if (a.webhook().equals(id) && a.kind().equals("rotate") && a.response().status() == 200) {
        JsonNode body = Json.readTree(a.response().body().getBytes(StandardCharsets.UTF_8));
        rotatedAt.put(Long.parseLong(a.response().headers().get("ETag").replace("\"", "")), body.path("secret").asText());
      }
    }
    int lost = 0;
    for (Subscription s : versions) {
      String expected = original;
      for (Map.Entry<Long, String> r : rotatedAt.entrySet()) {
        if (r.getKey() <= s.version()) {
          expected = r.getValue();
        }
      }
      if (!s.secret().value().equals(expected)) {
        lost++;
      }
    }
    return lost;
  }

  /** The api's answer to a GET of the webhook; asked again when no answer came at all (a loaded machine). */
  private static int readBack(RestClient client, RestClient.App app, String id) {
    int status = client.send(HttpMethod.GET, path(app, id), app.key(), null).status();
    return status == 0 ? client.send(HttpMethod.GET, path(app, id), app.key(), null).status() : status;
  }

  private static String path(RestClient.App app, String webhook) {
    return "/v1/apps/" + app.id() + "/webhooks/" + webhook;
  }
}
