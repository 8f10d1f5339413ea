package io.realcast.webhooks.api;

import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.Setting;
import io.realcast.webhooks.metrics.OpsServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Where and how the api listens.
 *
 * @param advertisedHost how other api instances reach this one (for the history's partitions); blank: derived
 * @param metricsPort where {@code /metrics} and {@code /health} listen apart from the API port; empty: the API port
 * @param idleTimeout a connection with no traffic for this long is closed (slow or abandoned clients)
 * @param requestTimeout a request not answered in this long gets 503
 */
public record HttpSettings(String host, int port, String advertisedHost, String metricsHost, OptionalInt metricsPort,
    Duration idleTimeout, Duration requestTimeout) {

  public static final Setting<Integer> PORT = Setting.integer("api.port", 8080, 0, 65_535,
      "Port of the REST API and dashboard (and of /metrics and /health unless REALCAST_API_METRICS_PORT moves them)");
  public static final Setting<String> HOST =
      Setting.string("api.host", "127.0.0.1", "Address the API binds to; 0.0.0.0 in containers");
  public static final Setting<String> ADVERTISED_HOST = Setting.string("api.advertised.host", "",
      "Host name other api instances use to reach this one (default: REALCAST_API_HOST, or this machine's name when that is 0.0.0.0)");
  public static final Setting<Integer> METRICS_PORT = Setting.integer("api.metrics.port", -1, -1, 65_535,
      "Port of the api's /metrics and /health apart from the API port (-1: on the API port; 0: a free one)");
  public static final Setting<Duration> IDLE_TIMEOUT = Setting.duration("api.idle.timeout", "60s",
      "A client connection with no traffic for this long is closed");
  public static final Setting<Duration> REQUEST_TIMEOUT = Setting.duration("api.request.timeout", "60s",
      "A request not answered within this time gets 503");

  public static HttpSettings read(ConfigReader r) {
    String host = r.get(HOST);
    int metrics = r.get(METRICS_PORT);
    Duration idle = r.get(IDLE_TIMEOUT);
    Duration request = r.get(REQUEST_TIMEOUT);
    r.check(HOST, host != null && !host.isBlank(), "must not be empty");
    r.check(IDLE_TIMEOUT, idle != null && idle.toSeconds() >= 1, "must be at least 1s");
    r.check(REQUEST_TIMEOUT, request != null && request.toMillis() >= 100, "must be at least 100ms");
    return new HttpSettings(host, r.get(PORT), r.get(ADVERTISED_HOST), r.get(OpsServer.HOST),
        metrics < 0 ? OptionalInt.empty() : OptionalInt.of(metrics), idle, request);
  }

  /** Loopback on a free port, metrics on the same port: tests and the demo. */
  public static HttpSettings local() {
    return new HttpSettings("127.0.0.1", 0, "", "127.0.0.1", OptionalInt.empty(), Duration.ofSeconds(60), Duration.ofSeconds(60));
  }

  public HttpSettings withPort(int newPort) {
    return new HttpSettings(host, newPort, advertisedHost, metricsHost, metricsPort, idleTimeout, requestTimeout);
  }

  public HttpSettings withMetricsPort(int port) {
    return new HttpSettings(host, this.port, advertisedHost, metricsHost, OptionalInt.of(port), idleTimeout, requestTimeout);
  }

  public HttpSettings withTimeouts(Duration idle, Duration request) {
    return new HttpSettings(host, port, advertisedHost, metricsHost, metricsPort, idle, request);
  }

  /** The host other instances reach this one at. */
  public String advertised() {
    if (advertisedHost != null && !advertisedHost.isBlank()) {
      return advertisedHost;
    }
    if (!host.equals("0.0.0.0") && !host.equals("::")) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
