package io.realcast.webhooks.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A blocking test client for the API over a real Vert.x HTTP client. */
final class ApiClient implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  // One connection per request: with pooled keep-alive connections the Vert.x 5.0.7 client occasionally
  // never completes a response (about 1 in 500 here; a plain HttpURLConnection to the same server never does).
  private final HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
  private final int port;

  ApiClient(int port) {
    this.port = port;
  }

  record Response(int status, String body, String contentType) {
    JsonNode json() {
      return Json.readTree(body.getBytes(StandardCharsets.UTF_8));
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }

    String errorField() {
      return json().path("error").path("field").asText(null);
    }
  }

  Response call(String method, String path, String key, String body) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method)).setHost("127.0.0.1").setPort(port)
        .setURI(path);
    if (key != null) {
      options.putHeader("Authorization", "Bearer " + key);
    }
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }
    try {
      return http.request(options)
          .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
          .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), b.toString(StandardCharsets.UTF_8),
              resp.getHeader("Content-Type"))))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    }
  }

  Response get(String path, String key) {
    return call("GET", path, key, null);
  }

  Response post(String path, String key, String body) {
    return call("POST", path, key, body);
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
  }
}
