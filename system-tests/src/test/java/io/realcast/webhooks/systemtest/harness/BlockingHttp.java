package io.realcast.webhooks.systemtest.harness;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** A Vert.x HTTP client the tests call synchronously: scrapes /metrics and /health, and drives the REST API. */
public final class BlockingHttp implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final HttpClient client;

  public BlockingHttp(Vertx vertx) {
    // No keep-alive: the pooled Vert.x 5.0.7 client was seen to lose about one response in 500 to a reused
    // connection (found by the api tests too); a fresh connection per request is plenty for a test client.
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setKeepAlive(false));
  }

  /** What came back; status 0 and the error text when nothing did. */
  public record Response(int status, Map<String, String> headers, String body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  public Response get(int port, String path, Map<String, String> headers) {
    return send(HttpMethod.GET, port, path, headers, null);
  }

  public Response send(HttpMethod method, int port, String path, Map<String, String> headers, byte[] body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path)
        .setTimeout(TIMEOUT.toMillis());
    headers.forEach(options::putHeader);
    try {
      return client.request(options)
          .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
          .compose(response -> response.body().map(b -> new Response(response.statusCode(), headersOf(response.headers()),
              b.toString(StandardCharsets.UTF_8))))
          .toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(0, Map.of(), "interrupted");
    } catch (Exception e) {
      return new Response(0, Map.of(), e.toString());
    }
  }

  private static Map<String, String> headersOf(MultiMap headers) {
    Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(copy::put);
    return copy;
  }

  @Override
  public void close() {
    client.close();
  }
}
