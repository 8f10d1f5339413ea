package io.realcast.webhooks.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The few REST calls the demo makes to its own API, as any client would (admin key, JSON). Blocking:
 * it runs at start-up, on the demo's main thread, never on an event loop.
 */
final class DemoApiClient implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 30;

  private final HttpClient http;
  private final int port;
  private final String bearer;

  DemoApiClient(Vertx vertx, int port, String adminKey) {
    this.http = vertx.createHttpClient();
    this.port = port;
    this.bearer = "Bearer " + adminKey;
  }

  record Response(int status, JsonNode body) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  JsonNode post(String path, JsonNode body) {
    return require(HttpMethod.POST, path, call(HttpMethod.POST, path, body));
  }

  JsonNode patch(String path, JsonNode body) {
    return require(HttpMethod.PATCH, path, call(HttpMethod.PATCH, path, body));
  }

  /** The body, or empty on 404 (a webhook deleted since the last demo run). */
  Optional<JsonNode> find(String path) {
    Response r = call(HttpMethod.GET, path, null);
    if (r.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(require(HttpMethod.GET, path, r));
  }

  Response call(HttpMethod method, String path, JsonNode body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path)
        .putHeader("Authorization", bearer).putHeader("Accept", "application/json");
    Buffer payload = body == null ? Buffer.buffer() : Buffer.buffer(Json.toBytes(body));
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }
    try {
      return http.request(options)
          .compose(req -> req.send(payload))
          .compose(res -> res.body().map(b -> new Response(res.statusCode(), parse(b))))
          .toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling " + method + " " + path, e);
    } catch (Exception e) {
      throw new IllegalStateException("demo: " + method + " " + path + " failed: " + e.getMessage(), e);
    }
  }

  private static JsonNode require(HttpMethod method, String path, Response r) {
    if (!r.ok()) {
      throw new IllegalStateException("demo: " + method + " " + path + " answered " + r.status() + " " + r.body());
    }
    return r.body();
  }

  private static JsonNode parse(Buffer body) {
    return body.length() == 0 ? Json.MAPPER.nullNode() : Json.readTree(body.getBytes());
  }

  @Override
  public void close() {
    http.close();
  }
}
