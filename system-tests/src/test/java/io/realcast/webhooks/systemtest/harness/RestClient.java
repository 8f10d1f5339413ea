package io.realcast.webhooks.systemtest.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.systemtest.harness.BlockingHttp.Response;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The api's REST calls the scenarios make, over {@link BlockingHttp}; a {@code key} of {@code "Basic …"} is sent as is. */
public record RestClient(BlockingHttp http, int port) {
  /** An app the scenario created: its id and API key. */
  public record App(String id, String key) {}

  public Response send(HttpMethod method, String path, String key, byte[] body, Map<String, String> extraHeaders) {
    Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
    if (key != null) {
      headers.put("Authorization", key.startsWith("Basic ") ? key : "Bearer " + key);
    }
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    return http.send(method, port, path, headers, body);
  }

  public Response send(HttpMethod method, String path, String key, String body) {
    return send(method, path, key, body == null ? null : body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public App createApp(String adminKey, String name) {
    Response r = send(HttpMethod.POST, "/v1/apps", adminKey, "{\"name\":\"" + name + "\"}");
    JsonNode n = json(r, 201);
    return new App(n.path("id").asText(), n.path("api_key").asText());
  }

  /** Creates a webhook of {@code app} from a JSON body and returns its id. */
  public String createWebhook(App app, String body) {
    return json(send(HttpMethod.POST, "/v1/apps/" + app.id() + "/webhooks", app.key(), body), 201).path("id").asText();
  }

  /** The body of {@code r} as JSON, after checking its status. */
  public static JsonNode json(Response r, int status) {
    if (r.status() != status) {
      throw new AssertionError("expected " + status + ", got " + r.status() + ": " + r.body());
    }
    return Json.readTree(r.body().getBytes(StandardCharsets.UTF_8));
  }
}
