package io.realcast.webhooks.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A blocking test client for the API. The JDK's client: the Vert.x 5.0.7 client occasionally never completed a
 * response here (about 1 in 500 requests, with or without keep-alive), which made tests hang rather than fail.
 */
final class ApiClient implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private final int port;

  ApiClient(int port) {
    this.port = port;
  }

  record Response(int status, String body, String contentType, Map<String, String> headers) {
    JsonNode json() {
      return Json.readTree(body.getBytes(StandardCharsets.UTF_8));
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }

    String errorField() {
      return json().path("error").path("field").asText(null);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  Response call(String method, String path, String key, String body) {
    return call(method, path, key, body, Map.of());
  }

  Response call(String method, String path, String key, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      Map<String, String> all = new HashMap<>();
      r.headers().map().forEach((name, values) -> all.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
      return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(null), all);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(method + " " + path + " interrupted", e);
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
    // The JDK client needs no closing on Java 17.
  }
}
