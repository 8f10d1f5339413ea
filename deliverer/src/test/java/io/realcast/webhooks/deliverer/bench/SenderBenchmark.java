package io.realcast.webhooks.deliverer.bench;

import io.netty.util.AsciiString;
import io.realcast.webhooks.deliverer.SendResult;
import io.realcast.webhooks.deliverer.internal.ClientTls;
import io.realcast.webhooks.deliverer.internal.Endpoint;
import io.realcast.webhooks.deliverer.internal.HttpSender;
import io.realcast.webhooks.deliverer.internal.RequestHeaders;
import io.realcast.webhooks.deliverer.testing.NettyReceiver;
import io.realcast.webhooks.net.TargetPolicy;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpHeaders;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * CPU per request of the deliverer's HTTP client, measured (not a unit test): the former Vert.x client
 * ({@link VertxSender}) and the Netty one ({@link HttpSender}) post the same signed-size requests, 64 in flight, to
 * one local Netty receiver, in alternating rounds of one run, on one Vert.x event loop. The figure is the CPU time of
 * that event loop's thread per request (everything either client does happens there); the process's CPU per request
 * (receiver included) and the rate are shown beside it. The machine is shared: compare the two within a run.
 *
 * <p>Run: {@code nice -n 15 ./mvnw -B -o -q -pl deliverer -am -Psender-benchmark -DskipTests verify}; properties
 * {@code benchmark.requests} (per round, default 200000), {@code benchmark.rounds} (default 5) and
 * {@code benchmark.jfr} (a file: records a JFR profile of the Netty client's rounds; default none).
 */
public final class SenderBenchmark {
  private static final int IN_FLIGHT = 64;
  private static final int POOL_SIZE = 32;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_RESPONSE_BYTES = 65_536;
  private static final byte[] BODY = ("{\"id\":\"evt_01JD3M4K5N6P7Q8R9S0T1V2W3X\",\"type\":\"chat.message.new\",\"created_at\":"
      + "\"2026-11-30T21:00:00.000Z\",\"data\":{\"stream_id\":\"str_01JD3M4K5N6P7Q8R9S0T1V2W3X\",\"user\":\"viewer-42\","
      + "\"text\":\"" + "hello ".repeat(30) + "\"}}").getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v1=" + "a".repeat(64);
  private static final String STANDARD = "v1," + "b".repeat(44);

  /** One client under test. */
  private record Client(String name, Send send) {}

  /** Sends request number {@code n} and runs {@code done} when it is over. */
  @FunctionalInterface
  private interface Send {
    void send(int n, Runnable done);
  }

  private record Round(String client, int round, double perSecond, double loopMicros, double processMicros, int failures) {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path jfr = args.length > 2 && !args[2].isBlank() && !args[2].equals("none") ? Path.of(args[2]) : null;

    NettyReceiver receiver = NettyReceiver.start(null, false);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(false));
    Context context = vertx.getOrCreateContext();
    Endpoint endpoint = Endpoint.parse(receiver.url("/hook"));
    int[] failures = {0};

    VertxSender old = new VertxSender(vertx, POOL_SIZE, new TargetPolicy(true), CONNECT_TIMEOUT, MAX_RESPONSE_BYTES);
    HttpSender fresh = new HttpSender(context, new HttpSender.Options(CONNECT_TIMEOUT, ATTEMPT_TIMEOUT, MAX_RESPONSE_BYTES,
        POOL_SIZE, Duration.ofSeconds(30), ClientTls.jdkDefault()),
        host -> CompletableFuture.failedFuture(new IllegalStateException("literal addresses only")), new TargetPolicy(true),
        System::nanoTime);
    List<Client> clients = List.of(
        new Client("vertx", (n, done) -> {
          MultiMap headers = HttpHeaders.headers();
          addHeaders(n, headers::add);
          old.send(endpoint, headers, BODY, r -> count(r, failures, done));
        }),
        new Client("netty", (n, done) -> {
          RequestHeaders headers = new RequestHeaders();
          addHeaders(n, headers::add);
          fresh.send(endpoint, headers, BODY, r -> count(r, failures, done));
        }));

    long loopThread = onContext(context, () -> Thread.currentThread().getId());
    for (Client c : clients) {
      run(context, c, Math.max(requests / 2, 20_000), loopThread, failures, 0); // warm-up, not reported
    }
    List<Round> results = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      // Alternate who goes first, so a drift of the machine does not favour one.
      for (Client c : round % 2 == 1 ? clients : List.of(clients.get(1), clients.get(0))) {
        results.add(run(context, c, requests, loopThread, failures, round));
      }
    }
    if (jfr != null) {
      // The Netty client alone, after the measured rounds: the profile shows where its CPU goes.
      try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1)); // enough samples in a short run
        recording.start();
        run(context, clients.get(1), 2 * requests, loopThread, failures, 0);
        recording.stop();
        recording.dump(jfr);
      }
      System.out.println("JFR profile of the netty client: " + jfr);
    }
    report(results, requests);
    fresh.close();
    vertx.close().await(10, TimeUnit.SECONDS);
    receiver.close();
  }

  private static void count(SendResult r, int[] failures, Runnable done) {
    if (!(r instanceof SendResult.Response response) || response.status() != 200) {
      failures[0]++;
    }
    done.run();
  }

  /** {@code requests} sends with {@link #IN_FLIGHT} at a time, all started and ended on the context. */
  private static Round run(Context context, Client client, int requests, long loopThread, int[] failures, int round)
      throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    int failuresBefore = onContext(context, () -> failures[0]);
    CompletableFuture<Void> finished = new CompletableFuture<>();
    long loopCpu = threads.getThreadCpuTime(loopThread);
    long processCpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    context.runOnContext(v -> {
      int[] sent = {0};
      int[] ended = {0};
      Runnable[] next = new Runnable[1];
      next[0] = () -> {
        ended[0]++;
        if (ended[0] == requests) {
          finished.complete(null);
        } else if (sent[0] < requests) {
          client.send().send(sent[0]++, next[0]);
        }
      };
      for (int i = 0; i < IN_FLIGHT && sent[0] < requests; i++) {
        client.send().send(sent[0]++, next[0]);
      }
    });
    finished.get(10, TimeUnit.MINUTES);
    long wall = System.nanoTime() - start;
    double loopMicros = (threads.getThreadCpuTime(loopThread) - loopCpu) / 1_000.0 / requests;
    double processMicros = (os.getProcessCpuTime() - processCpu) / 1_000.0 / requests;
    int failed = onContext(context, () -> failures[0]) - failuresBefore;
    return new Round(client.name(), round, requests * 1e9 / wall, loopMicros, processMicros, failed);
  }

  private static void report(List<Round> results, int requests) {
    System.out.printf(Locale.ROOT, "%n%d requests per round, %d in flight, pool %d per host, body %d bytes%n", requests,
        IN_FLIGHT, POOL_SIZE, BODY.length);
    System.out.printf(Locale.ROOT, "%-6s %5s %10s %16s %19s %8s%n", "client", "round", "req/s", "loop CPU us/req",
        "process CPU us/req", "failed");
    for (Round r : results) {
      System.out.printf(Locale.ROOT, "%-6s %5d %10.0f %16.2f %19.2f %8d%n", r.client(), r.round(), r.perSecond(),
          r.loopMicros(), r.processMicros(), r.failures());
    }
    double oldLoop = median(results, "vertx", Round::loopMicros);
    double newLoop = median(results, "netty", Round::loopMicros);
    double oldRate = median(results, "vertx", Round::perSecond);
    double newRate = median(results, "netty", Round::perSecond);
    System.out.printf(Locale.ROOT, "median loop CPU us/req: vertx %.2f, netty %.2f, netty/vertx %.2f%n", oldLoop, newLoop,
        newLoop / oldLoop);
    System.out.printf(Locale.ROOT, "median req/s: vertx %.0f, netty %.0f, netty/vertx %.2f%n", oldRate, newRate,
        newRate / oldRate);
  }

  private static double median(List<Round> results, String client, java.util.function.ToDoubleFunction<Round> value) {
    double[] v = results.stream().filter(r -> r.client().equals(client)).mapToDouble(value).sorted().toArray();
    return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static <T> T onContext(Context context, Supplier<T> read) throws Exception {
    CompletableFuture<T> value = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        value.complete(read.get());
      } catch (RuntimeException e) {
        value.completeExceptionally(e);
      }
    });
    try {
      return value.get(1, TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new CompletionException(e.getCause());
    }
  }

  // The headers the deliverer sends, names and sizes as in DeliveryAttempt.headers; each client gets them per request in
  // its own type.
  private static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
  private static final AsciiString JSON = AsciiString.cached("application/json");
  private static final AsciiString USER_AGENT = AsciiString.cached("User-Agent");
  private static final AsciiString AGENT = AsciiString.cached("RealCast-Webhooks/0.1.0");
  private static final AsciiString EVENT = AsciiString.cached("X-RealCast-Event");
  private static final AsciiString WEBHOOK_ID = AsciiString.cached("X-RealCast-Webhook-Id");
  private static final AsciiString ATTEMPT = AsciiString.cached("X-RealCast-Delivery-Attempt");

  private static void addHeaders(int n, BiConsumer<CharSequence, CharSequence> header) {
    String id = "dlv_" + n;
    header.accept(CONTENT_TYPE, JSON);
    header.accept(USER_AGENT, AGENT);
    header.accept(EVENT, "chat.message.new");
    header.accept(WEBHOOK_ID, id);
    header.accept(ATTEMPT, "1");
    header.accept("X-RealCast-Signature", SIGNATURE);
    header.accept("webhook-id", id);
    header.accept("webhook-timestamp", "1796158800");
    header.accept("webhook-signature", STANDARD);
  }

  private SenderBenchmark() {}
}
