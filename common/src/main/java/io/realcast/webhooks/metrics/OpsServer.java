package io.realcast.webhooks.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.config.Setting;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /metrics} (Prometheus text) and {@code GET /health} for one service. */
public final class OpsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);

  /** Interface {@code /metrics} and {@code /health} listen on ({@code REALCAST_METRICS_HOST}). */
  public static final Setting<String> HOST =
      Setting.string("metrics.host", "0.0.0.0", "Interface /metrics and /health listen on");

  /**
   * {@code REALCAST_<SERVICE>_METRICS_PORT}: one name per service, so services sharing a host (or the demo's
   * JVM) can each be given their own port.
   */
  public static Setting<Integer> portSetting(String service, int defaultPort) {
    return Setting.integer(service + ".metrics.port", defaultPort, 0, 65_535,
        "Port of the " + service + "'s /metrics and /health (0 picks a free one)");
  }

  private final HttpServer server;

  private OpsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts on {@code host:port} (port 0 picks a free one).
   *
   * @param healthy answers whether the service can do its work (e.g. its Kafka clients are running)
   */
  public static OpsServer start(Vertx vertx, String host, int port, PrometheusMeterRegistry registry, BooleanSupplier healthy) {
    HttpServer server = vertx.createHttpServer().requestHandler(request -> {
      switch (request.path()) {
        case "/metrics" -> request.response()
            .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            .end(registry.scrape());
        case "/health" -> {
          boolean up = healthy.getAsBoolean();
          request.response().setStatusCode(up ? 200 : 503)
              .putHeader("Content-Type", "application/json")
              .end(up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
        }
        default -> request.response().setStatusCode(404).end();
      }
    });
    try {
      server.listen(port, host).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot listen for /metrics on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    LOG.info("Metrics and health on http://{}:{}/metrics", host, server.actualPort());
    return new OpsServer(server);
  }

  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
