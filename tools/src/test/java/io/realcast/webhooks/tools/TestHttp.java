package io.realcast.webhooks.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Blocking GETs for tests, on a Vert.x client like the rest of the code base. */
public final class TestHttp implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client = vertx.createHttpClient();

  public record Response(int status, String body) {
    public JsonNode json() {
      return Json.readTree(body.getBytes(StandardCharsets.UTF_8));
    }
  }

  public Response get(int port, String uri) throws Exception {
    return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI(uri))
        .compose(r -> r.send().compose(res -> res.body().map(b -> new Response(res.statusCode(), b.toString()))))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
