package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.api.ApiClient.Response;
import io.realcast.webhooks.api.validation.TargetCheck;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.topic.RetrySchedule;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Authentication and isolation on every route the router has: no key and a wrong key get 401, another
 * app's key gets 404 (never 403, so ids do not leak), an app key on an admin route gets 403.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class ApiAuthIT {
  /**
   * Routes of an app that only the admin may call: an app key gets 403 even for its own app. (An app's key may
   * PATCH its own app's operational_webhook_url, nothing else: {@code StreamAwareWebhooksIT}; the fixture's PATCH
   * renames, so the app's own key gets 403 there too, and another app's key 404.)
   */
  private static final List<String> ADMIN_ONLY = List.of("DELETE /v1/apps/{app}");

  private ApiHarness api;
  private RouteFixture a;
  private RouteFixture b;
  private List<String> routes;

  @BeforeAll
  void start(@BootstrapServers String bootstrap) throws Exception {
    api = ApiHarness.start(bootstrap, "api-auth", RetrySchedule.DEFAULT, TargetCheck.ALLOW_ALL);
    a = new RouteFixture(api, "A");
    b = new RouteFixture(api, "B");
    routes = api.service.routes().stream().filter(r -> !r.equals("GET /v1/openapi.json")).toList();
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private Response call(String route, String key) {
    String method = route.substring(0, route.indexOf(' '));
    String template = route.substring(route.indexOf(' ') + 1);
    return api.client.call(method, a.path(template), key, RouteFixture.body(method, template));
  }

  @Test
  void shouldCoverEveryRoute() {
    assertThat(routes).hasSize(22);
  }

  @Test
  void shouldAnswer401WithoutAKeyOnEveryRoute() {
    SoftAssertions soft = new SoftAssertions();
    for (String route : routes) {
      Response r = call(route, null);
      soft.assertThat(r.status()).as(route).isEqualTo(401);
      soft.assertThat(r.errorCode()).as(route).isEqualTo("unauthorized");
    }
    soft.assertAll();
  }

  @Test
  void shouldAnswer401ToAWrongKeyOnEveryRoute() {
    SoftAssertions soft = new SoftAssertions();
    for (String route : routes) {
      soft.assertThat(call(route, "rck_not-a-real-key").status()).as(route).isEqualTo(401);
      soft.assertThat(call(route, ApiHarness.ADMIN_KEY + "x").status()).as(route).isEqualTo(401);
    }
    soft.assertAll();
  }

  @Test
  void shouldAnswer404ToAnotherAppsKeyOnEveryRouteOfAnApp() {
    SoftAssertions soft = new SoftAssertions();
    for (String route : routes.stream().filter(r -> r.contains("{app}") && !ADMIN_ONLY.contains(r)).toList()) {
      Response r = call(route, b.key);
      soft.assertThat(r.status()).as(route).isEqualTo(404);
      soft.assertThat(r.errorCode()).as(route).isEqualTo("not_found");
    }
    for (String route : ADMIN_ONLY) {
      soft.assertThat(call(route, b.key).status()).as(route).isEqualTo(403);
      soft.assertThat(call(route, a.key).status()).as(route + " with the app's own key").isEqualTo(403);
    }
    soft.assertThat(call("PATCH /v1/apps/{app}", a.key).status()).as("renaming with the app's own key").isEqualTo(403);
    soft.assertAll();
    // Nothing changed: app A's webhook is still there, unchanged.
    Response w = api.client.get("/v1/apps/" + a.app + "/webhooks/" + a.webhook, a.key);
    assertThat(w.status()).isEqualTo(200);
    assertThat(w.json().path("description").asText()).isEmpty();
  }

  @Test
  void shouldAnswerTheSameForAnotherAppsIdsAsForIdsThatDoNotExist() {
    Response foreign = api.client.get("/v1/apps/" + a.app + "/webhooks", b.key);
    Response missing = api.client.get("/v1/apps/app_doesnotexist/webhooks", b.key);
    assertThat(foreign.status()).isEqualTo(missing.status()).isEqualTo(404);
    assertThat(foreign.body()).isEqualTo(missing.body());
    // A's webhook reached through B's own app path is not B's either.
    Response crossed = api.client.get("/v1/apps/" + b.app + "/webhooks/" + a.webhook, b.key);
    assertThat(crossed.status()).isEqualTo(404);
    Response redeliverForeign = api.client.post("/v1/apps/" + b.app + "/deliveries/" + a.delivery + "/redeliver", b.key, null);
    assertThat(redeliverForeign.status()).isEqualTo(404);
  }

  @Test
  void shouldLetAnAppKeyListOnlyItsOwnAppAndNotCreateApps() {
    assertThat(api.client.get("/v1/apps", b.key).json().path("apps").findValuesAsText("id")).containsExactly(b.app);
    Response create = api.client.post("/v1/apps", a.key, "{\"name\":\"sneaky\"}");
    assertThat(create.status()).isEqualTo(403);
    assertThat(create.errorCode()).isEqualTo("forbidden");
  }

  @Test
  void shouldLetTheAdminKeyReachEveryApp() {
    assertThat(api.client.get("/v1/apps/" + a.app + "/webhooks/" + a.webhook, ApiHarness.ADMIN_KEY).status()).isEqualTo(200);
    assertThat(api.client.get("/v1/apps/" + b.app + "/webhooks", ApiHarness.ADMIN_KEY).status()).isEqualTo(200);
  }

  @Test
  void shouldCountRefusedRequestsWithoutAnyKeyInTheMetrics() {
    call("GET /v1/apps", null);
    String scrape = api.client.get("/metrics", null).body();
    assertThat(scrape).contains("realcast_api_auth_failures_total").doesNotContain(a.key).doesNotContain(ApiHarness.ADMIN_KEY);
  }
}
