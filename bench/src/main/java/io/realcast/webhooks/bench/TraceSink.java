package io.realcast.webhooks.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the services export their spans when a run has {@code --tracing}: an OTLP/HTTP endpoint on 127.0.0.1 that
 * takes every batch, counts it and answers 200, so the run pays for making, batching, encoding and sending spans, as
 * with a real collector, but nothing stores them.
 */
final class TraceSink implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final HttpServer server;

  TraceSink() throws Exception {
    server = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(body -> {
      if (body.succeeded() && request.path().equals("/v1/traces")) {
        requests.incrementAndGet();
        bytes.addAndGet(body.result().length());
        // An empty ExportTraceServiceResponse: everything accepted.
        request.response().putHeader("Content-Type", "application/x-protobuf").end();
      } else {
        request.response().setStatusCode(404).end();
      }
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /**
   * The standard OpenTelemetry variables that send every service's spans here, every trace sampled (the worst case for
   * the overhead figure), as {@code TracingSetup} reads them.
   */
  Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_TRACES_EXPORTER", "otlp");
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + server.actualPort());
    env.put("OTEL_TRACES_SAMPLER", "always_on");
    return env;
  }

  long requests() {
    return requests.get();
  }

  long bytes() {
    return bytes.get();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
