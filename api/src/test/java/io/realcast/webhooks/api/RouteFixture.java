package io.realcast.webhooks.api;

import java.util.Map;

/** Concrete ids and valid bodies for every route template, so a route can be called for real. */
final class RouteFixture {
  final String app;
  final String key;
  final String webhook;
  final String delivery;

  RouteFixture(ApiHarness api, String name) {
    ApiHarness.NewApp created = api.newApp(name);
    this.app = created.id();
    this.key = created.key();
    this.webhook = api.createWebhook(app, key, "https://93.184.215.14/hook", "stream.live").path("id").asText();
    ApiClient.Response test = api.client.post("/v1/apps/" + app + "/webhooks/" + webhook + "/test", key, "{\"event\":\"stream.live\"}");
    this.delivery = test.json().path("delivery_id").asText();
  }

  String path(String template) {
    return template.replace("{app}", app).replace("{webhook}", webhook).replace("{delivery}", delivery);
  }

  /** A valid body for the route, so that only the key decides the answer. */
  static String body(String method, String template) {
    Map<String, String> bodies = Map.of(
        "POST /v1/apps", "{\"name\":\"x\"}",
        "POST /v1/apps/{app}/webhooks", "{\"url\":\"https://93.184.215.14/hook\",\"events\":[\"stream.live\"]}",
        "PATCH /v1/apps/{app}/webhooks/{webhook}", "{\"description\":\"changed\"}",
        "POST /v1/apps/{app}/webhooks/{webhook}/test", "{\"event\":\"stream.live\"}",
        "POST /v1/apps/{app}/webhooks/{webhook}/recover", "{\"since\":\"2020-01-01T00:00:00Z\"}",
        "POST /v1/apps/{app}/webhooks/{webhook}/replay", "{\"since\":\"2020-01-01T00:00:00Z\",\"dry_run\":true}",
        "PATCH /v1/apps/{app}", "{\"name\":\"renamed\"}");
    return bodies.get(method + " " + template);
  }
}
