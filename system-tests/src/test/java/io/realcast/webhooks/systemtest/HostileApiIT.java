package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.systemtest.harness.BlockingHttp.Response;
import io.realcast.webhooks.systemtest.harness.Figures;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.Records;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.RestClient;
import io.realcast.webhooks.systemtest.harness.ServiceProcess;
import io.realcast.webhooks.systemtest.harness.SystemUnderTest;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import io.realcast.webhooks.topic.RetrySchedule;
import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 7: hostile input to the REST API, with private targets refused as in production. Every request
 * must get its 4xx with a JSON error, leak no stack trace, and store nothing.
 */
@ExtendWith(ForkedBrokerExtension.class)
class HostileApiIT {
  private static final String ADMIN_KEY = "admin-key-for-the-hostile-api-scenario";
  /** A public address literal: accepted without DNS, which this machine does not have. */
  private static final String PUBLIC_URL = "http://93.184.215.14/hooks/realcast";
  private static final String SQL = "'; DROP TABLE webhooks; -- \" OR 1=1";
  private static final String SCRIPT = "<script>alert(document.cookie)</script>";

  /** One hostile request and the status it must get. */
  record Case(String name, HttpMethod method, String path, String key, byte[] body, Set<Integer> statuses, Map<String, String> headers) {
    Case(String name, HttpMethod method, String path, String key, byte[] body, Set<Integer> statuses) {
      this(name, method, path, key, body, statuses, Map.of());
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldAnswerEveryHostileRequestWithItsFourHundredAndStoreNothing(ForkedKafkaBroker broker) {
    Figures figures = new Figures(ScenarioInfo.HOSTILE_API);
    try (SystemUnderTest sut = new SystemUnderTest(ScenarioInfo.HOSTILE_API.id(), broker.bootstrapServers(),
        RetrySchedule.parse("1s,2s,4s"))) {
      ServiceProcess api = sut.startApi("api", ADMIN_KEY, Map.of("REALCAST_ALLOW_PRIVATE_TARGETS", "false"));
      sut.awaitReady(api, Duration.ofSeconds(90));
      RestClient client = new RestClient(sut.http(), api.metricsPort());

      RestClient.App a = client.createApp(ADMIN_KEY, "hostile-a");
      RestClient.App b = client.createApp(ADMIN_KEY, "hostile-b");
      String webhookA = client.createWebhook(a, "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"stream.live\"]}");
      String webhookB = client.createWebhook(b, "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"chat.message.new\"]}");
      Map<String, Integer> before = counts(sut);

      List<Case> cases = new ArrayList<>();
      cases.addAll(bodyCases(a, webhookA));
      cases.addAll(authCases(a, b, webhookA, webhookB));
      cases.addAll(historyCases(a, webhookA));
      cases.addAll(headerCases(a, webhookA));
      Map<String, String> failures = new LinkedHashMap<>();
      List<String> unanswered = new ArrayList<>();
      for (Case c : cases) {
        Response r = send(client, c);
        if (r.status() == 0) {
          // No answer at all (a dropped keep-alive connection, a stalled machine) is not the API's verdict: ask again.
          unanswered.add(c.name());
          r = send(client, c);
        }
        String problem = problem(c, r);
        if (problem != null) {
          failures.put(c.name(), problem);
        }
      }
      Map<String, Integer> after = counts(sut);

      // Free text is stored as it came, never interpreted: the one write this scenario expects to succeed.
      String description = SQL + " " + SCRIPT;
      String storedId = client.createWebhook(a, "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"stream.live\"],\"description\":"
          + Json.MAPPER.valueToTree(description) + "}");
      Response stored = client.send(HttpMethod.GET, "/v1/apps/" + a.id() + "/webhooks/" + storedId, a.key(), null);

      figures.put("hostile requests", cases.size()).put("wrong answers", failures.size())
          .put("requests sent twice for want of any answer", unanswered.size() + " " + unanswered)
          .put("webhook records before", before.get("webhooks")).put("webhook records after", after.get("webhooks"))
          .put("api restarts", api.pids().size() - 1).write();
      assertThat(failures).as("requests that got the wrong answer").isEmpty();
      assertThat(cases).hasSizeGreaterThanOrEqualTo(400);
      assertThat(after).as("records per topic, before and after the hostile requests").isEqualTo(before);
      assertThat(Json.readTree(stored.body().getBytes(StandardCharsets.UTF_8)).path("description").asText())
          .isEqualTo(description);
      assertThat(api.isAlive()).isTrue();
      assertThat(api.pids()).hasSize(1);
    }
  }

  /** Why {@code r} is the wrong answer to {@code c}, or null if it is right. */
  private static String problem(Case c, Response r) {
    if (!c.statuses().contains(r.status())) {
      return "status " + r.status() + " (wanted " + c.statuses() + "): " + abbreviate(r.body());
    }
    for (String leak : List.of("Exception", "at io.", "at java.", "\tat ")) {
      if (r.body().contains(leak)) {
        return "body leaks \"" + leak + "\": " + abbreviate(r.body());
      }
    }
    if (r.status() >= 400) {
      try {
        JsonNode error = Json.readTree(r.body().getBytes(StandardCharsets.UTF_8)).path("error");
        if (!error.path("code").isTextual() || !error.path("message").isTextual()) {
          return "no {\"error\":{\"code\",\"message\"}} body: " + abbreviate(r.body());
        }
      } catch (RuntimeException e) {
        return "error body is not JSON: " + abbreviate(r.body());
      }
    }
    return null;
  }

  private static Response send(RestClient client, Case c) {
    return client.send(c.method(), c.path(), c.key(), c.body(), c.headers());
  }

  private static List<Case> bodyCases(RestClient.App a, String webhook) {
    List<Case> cases = new ArrayList<>();
    String create = "/v1/apps/" + a.id() + "/webhooks";
    String patch = create + "/" + webhook;
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    // Malformed JSON and structure.
    for (String text : List.of("{", "{\"url\":}", "[]", "\"just a string\"", "null", "42", "{\"url\":\"" + PUBLIC_URL + "\"} {}",
        "{\"url\":\"" + PUBLIC_URL + "\",\"url\":\"http://10.0.0.1/\",\"events\":[\"stream.live\"]}", "{'url':'x'}",
        "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"stream.live\"],}", "[".repeat(5_000) + "]".repeat(5_000),
        "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000))) {
      bodies.put("malformed " + abbreviate(text), utf8(text));
    }
    bodies.put("invalid UTF-8", new byte[] {'{', '"', 'u', 'r', 'l', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    bodies.put("NUL bytes", utf8("{\"url\":\"" + PUBLIC_URL + "\u0000\",\"events\":[\"stream.live\u0000\"]}"));
    bodies.put("raw NUL byte", new byte[] {'{', 0, '}'});
    // Wrong types and values.
    String events = ",\"events\":[\"stream.live\"]";
    for (String text : List.of("{\"url\":123" + events + "}", "{\"url\":[\"" + PUBLIC_URL + "\"]" + events + "}",
        "{\"url\":\"" + PUBLIC_URL + "\",\"events\":\"stream.live\"}", "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[1]}",
        "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[]}", "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"stream.exploded\"]}",
        "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"viewer.left\"]}",
        "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[" + "\"stream.live\",".repeat(70) + "\"stream.live\"]}",
        "{\"url\":\"" + PUBLIC_URL + "\"" + events + ",\"enabled\":\"yes\"}",
        "{\"url\":\"" + PUBLIC_URL + "\"" + events + ",\"enabled\":1e999999}",
        "{\"url\":\"" + PUBLIC_URL + "\"" + events + ",\"description\":{}}",
        "{\"url\":\"" + PUBLIC_URL + "\"" + events + ",\"description\":\"" + "x".repeat(600) + "\"}",
        "{\"url\":\"" + PUBLIC_URL + "/" + "a".repeat(3_000) + "\"" + events + "}",
        "{\"url\":\"" + PUBLIC_URL + "\"" + events + ",\"secret\":\"whsec_mine\"}",
        "{\"url\":\"" + PUBLIC_URL + "\"" + events + ",\"app_id\":\"app_other\"}",
        "{\"url\":" + "9".repeat(5_000) + events + "}")) {
      bodies.put("wrong " + abbreviate(text), utf8(text));
    }
    // SQL-ish and script strings in every field (with the other fields valid, so the hostile one is the reason).
    // (A "../" path is not in this list: it is a legal URL path, the receiver's own business.)
    for (String evil : List.of(SQL, SCRIPT, "${jndi:ldap://127.0.0.1/a}", "%00%0d%0aSet-Cookie: a=b")) {
      String quoted = Json.MAPPER.valueToTree(evil).toString();
      bodies.put("evil url " + evil, utf8("{\"url\":" + quoted + events + "}"));
      bodies.put("evil event " + evil, utf8("{\"url\":\"" + PUBLIC_URL + "\",\"events\":[" + quoted + "]}"));
      bodies.put("evil field name " + evil, utf8("{\"url\":\"" + PUBLIC_URL + "\"" + events + "," + quoted + ":1}"));
      bodies.put("evil url path " + evil, utf8("{\"url\":" + Json.MAPPER.valueToTree(PUBLIC_URL + "/" + evil) + events + "}"));
    }
    // URLs: credentials, private and metadata hosts (refused here, as in production), schemes, unicode tricks.
    for (String url : List.of("http://user:pass@93.184.215.14/", "https://token@93.184.215.14/",
        "http://127.0.0.1/hook", "http://localhost:8080/hook", "http://10.0.0.1/", "http://172.16.0.1/", "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/latest/meta-data/", "http://metadata.google.internal/",
        "http://100.100.100.200/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[fe80::1]/", "http://0.0.0.0/",
        "http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/", "http://0x7f.1/", "http://127.1/", "http://224.0.0.1/",
        "http://255.255.255.255/", "http://localhost./", "http://LOCALHOST/",
        "ftp://93.184.215.14/", "file:///etc/passwd", "gopher://93.184.215.14/", "javascript:alert(1)", "data:text/html,hi",
        "ws://93.184.215.14/", "mailto:a@b.c", "//93.184.215.14/hook", "/hooks/realcast", "http://", "http:///x", "http://93.184.215.14/#frag",
        "http://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ/", "http://127。0。0。1/", "http://１２７.０.０.１/", "http://loc\u0430lhost/", "http://93.184.215.14\u202e/",
        "http://93.184.215.14 /", "http://93.184.215.14\r\nHost: evil/", " ", "")) {
      bodies.put("url " + abbreviate(url), utf8("{\"url\":" + Json.MAPPER.valueToTree(url) + events + "}"));
    }
    bodies.put("huge body (1 MiB)", utf8("{\"url\":\"" + PUBLIC_URL + "\",\"description\":\"" + "x".repeat(1 << 20) + "\"}"));
    bodies.forEach((name, body) -> {
      Set<Integer> statuses = body.length > 64 * 1024 ? Set.of(413) : Set.of(400);
      cases.add(new Case("POST webhook, " + name, HttpMethod.POST, create, a.key(), body, statuses));
      cases.add(new Case("PATCH webhook, " + name, HttpMethod.PATCH, patch, a.key(), body, statuses));
    });
    cases.add(new Case("POST app, malformed", HttpMethod.POST, "/v1/apps", ADMIN_KEY, utf8("{\"name\":"), Set.of(400)));
    cases.add(new Case("POST app, long name", HttpMethod.POST, "/v1/apps", ADMIN_KEY,
        utf8("{\"name\":\"" + SCRIPT.repeat(20) + "\"}"), Set.of(400)));
    cases.add(new Case("POST app, unknown field", HttpMethod.POST, "/v1/apps", ADMIN_KEY, utf8("{\"id\":\"app_mine\"}"), Set.of(400)));
    cases.add(new Case("POST test event, unknown type", HttpMethod.POST, patch + "/test", a.key(),
        utf8("{\"event\":" + Json.MAPPER.valueToTree(SQL) + "}"), Set.of(400)));
    cases.add(new Case("POST recover, bad since", HttpMethod.POST, patch + "/recover", a.key(),
        utf8("{\"since\":" + Json.MAPPER.valueToTree(SCRIPT) + "}"), Set.of(400)));
    return cases;
  }

  /** Every route with no key, a wrong key, a non-bearer scheme, and another app's key. */
  private static List<Case> authCases(RestClient.App a, RestClient.App b, String webhookA, String webhookB) {
    String app = "/v1/apps/" + a.id();
    String wh = app + "/webhooks/" + webhookA;
    byte[] webhookBody = utf8("{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"stream.live\"]}");
    List<Case> routes = List.of(
        new Case("list apps", HttpMethod.GET, "/v1/apps", null, null, Set.of()),
        new Case("create app", HttpMethod.POST, "/v1/apps", null, utf8("{\"name\":\"x\"}"), Set.of()),
        new Case("get app", HttpMethod.GET, app, null, null, Set.of()),
        new Case("list webhooks", HttpMethod.GET, app + "/webhooks", null, null, Set.of()),
        new Case("create webhook", HttpMethod.POST, app + "/webhooks", null, webhookBody, Set.of()),
        new Case("get webhook", HttpMethod.GET, wh, null, null, Set.of()),
        new Case("patch webhook", HttpMethod.PATCH, wh, null, utf8("{\"enabled\":false}"), Set.of()),
        new Case("delete webhook", HttpMethod.DELETE, wh, null, null, Set.of()),
        new Case("get secret", HttpMethod.GET, wh + "/secret", null, null, Set.of()),
        new Case("rotate secret", HttpMethod.POST, wh + "/secret/rotate", null, null, Set.of()),
        new Case("send test event", HttpMethod.POST, wh + "/test", null, utf8("{\"event\":\"stream.live\"}"), Set.of()),
        new Case("list deliveries", HttpMethod.GET, wh + "/deliveries", null, null, Set.of()),
        new Case("stats", HttpMethod.GET, wh + "/stats", null, null, Set.of()),
        new Case("recover", HttpMethod.POST, wh + "/recover", null, utf8("{\"since\":\"2024-01-01T00:00:00Z\"}"), Set.of()),
        new Case("replay", HttpMethod.POST, wh + "/replay", null, utf8("{\"since\":\"2024-01-01T00:00:00Z\",\"dry_run\":true}"),
            Set.of()),
        new Case("series", HttpMethod.GET, wh + "/series?range=1h", null, null, Set.of()),
        new Case("app deliveries", HttpMethod.GET, app + "/deliveries", null, null, Set.of()),
        new Case("rotate app key", HttpMethod.POST, app + "/keys/rotate", null, null, Set.of()),
        new Case("patch app", HttpMethod.PATCH, app, null, utf8("{\"name\":\"x\"}"), Set.of()),
        new Case("delete app", HttpMethod.DELETE, app, null, null, Set.of()),
        new Case("redeliver", HttpMethod.POST, app + "/deliveries/dlv_0123456789abcdef0123456789abcdef/redeliver", null, null,
            Set.of()),
        new Case("event types", HttpMethod.GET, "/v1/event-types", null, null, Set.of()));
    List<Case> cases = new ArrayList<>();
    for (Case r : routes) {
      cases.add(new Case(r.name() + " without a key", r.method(), r.path(), null, r.body(), Set.of(401)));
      cases.add(new Case(r.name() + " with a wrong key", r.method(), r.path(), "rk_not_a_key", r.body(), Set.of(401)));
      cases.add(new Case(r.name() + " with the admin key misspelt", r.method(), r.path(), ADMIN_KEY + "x", r.body(), Set.of(401)));
      cases.add(new Case(r.name() + " with Basic auth", r.method(), r.path(), "Basic " + ADMIN_KEY, r.body(), Set.of(401)));
      if (r.path().startsWith(app)) {
        // Another app's key must not reveal or touch app A's resources.
        cases.add(new Case(r.name() + " with another app's key", r.method(), r.path(), b.key(), r.body(), Set.of(403, 404)));
      }
    }
    cases.add(new Case("create app with an app key", HttpMethod.POST, "/v1/apps", a.key(), utf8("{\"name\":\"x\"}"), Set.of(403)));
    cases.add(new Case("app B's webhook under app A", HttpMethod.GET, app + "/webhooks/" + webhookB, a.key(), null, Set.of(404)));
    cases.add(new Case("delete app B's webhook under app A", HttpMethod.DELETE, app + "/webhooks/" + webhookB, a.key(), null,
        Set.of(404)));
    cases.add(new Case("patch app B's webhook under app A", HttpMethod.PATCH, app + "/webhooks/" + webhookB, a.key(),
        utf8("{\"enabled\":false}"), Set.of(404)));
    cases.add(new Case("rotate app B's secret under app A", HttpMethod.POST, app + "/webhooks/" + webhookB + "/secret/rotate",
        a.key(), null, Set.of(404)));
    cases.add(new Case("patch its own app with an app key", HttpMethod.PATCH, app, a.key(), utf8("{\"name\":\"mine\"}"), Set.of(403)));
    cases.add(new Case("delete its own app with an app key", HttpMethod.DELETE, app, a.key(), null, Set.of(403)));
    cases.add(new Case("rotate app B's key with app A's", HttpMethod.POST, "/v1/apps/" + b.id() + "/keys/rotate", a.key(), null,
        Set.of(404)));
    cases.add(new Case("internal history with an app key", HttpMethod.POST, "/internal/history/scan", a.key(), utf8("{}"),
        Set.of(403)));
    cases.add(new Case("internal history without a key", HttpMethod.POST, "/internal/history/find", null, utf8("{}"), Set.of(401)));
    return cases;
  }

  /** Search parameters, replay and key-rotation bodies an attacker or a careless script would send. */
  private static List<Case> historyCases(RestClient.App a, String webhook) {
    List<Case> cases = new ArrayList<>();
    String wh = "/v1/apps/" + a.id() + "/webhooks/" + webhook;
    List<String> queries = new ArrayList<>(List.of("status=exploded", "status=pending,,", "status=" + "dead,".repeat(60),
        "event_type=viewer.left", "event_type=stream.live,stream.exploded", "since=yesterday", "since=2024-13-40T00:00:00Z",
        "until=0", "since=2024-01-02T00:00:00Z&until=2024-01-01T00:00:00Z", "event_id=" + SQL, "event_id=evt_%00", "delivery_id=x",
        "delivery_id=dlv_" + "a".repeat(80), "cursor=bogus", "cursor=" + "A".repeat(300), "cursor=YzEuYWJjLmRsdl94", "limit=0",
        "limit=501", "limit=-1", "limit=1e3", "limit=" + "9".repeat(30), "colour=red", "status=dead&status=pending",
        "stream_id=" + "s".repeat(300), "%00=1", "status=%27%3B%20DROP"));
    for (String evil : List.of(SCRIPT, "${jndi:ldap://127.0.0.1/a}")) {
      queries.add("status=" + URLEncoder.encode(evil, StandardCharsets.UTF_8));
      queries.add("event_type=" + URLEncoder.encode(evil, StandardCharsets.UTF_8));
      queries.add("cursor=" + URLEncoder.encode(evil, StandardCharsets.UTF_8));
      queries.add("since=" + URLEncoder.encode(evil, StandardCharsets.UTF_8));
    }
    for (String raw : queries) {
      String q = encoded(raw);
      cases.add(new Case("webhook deliveries?" + abbreviate(raw), HttpMethod.GET, wh + "/deliveries?" + q, a.key(), null, Set.of(400)));
      cases.add(new Case("app deliveries?" + abbreviate(raw), HttpMethod.GET, "/v1/apps/" + a.id() + "/deliveries?" + q, a.key(), null,
          Set.of(400)));
    }
    for (String range : List.of("7d", "", "1h,24h", SQL, "0")) {
      cases.add(new Case("series range " + abbreviate(range), HttpMethod.GET, wh + "/series?range="
          + URLEncoder.encode(range, StandardCharsets.UTF_8), a.key(), null, Set.of(400)));
    }
    String since = "\"since\":\"2024-01-01T00:00:00Z\"";
    for (String body : List.of("{}", "{\"since\":null}", "{\"since\":1}", "{\"since\":\"yesterday\"}", "{" + since + ",\"until\":\"2023-01-01T00:00:00Z\"}",
        "{" + since + ",\"status\":[\"pending\"]}", "{" + since + ",\"status\":[\"retrying\"]}", "{" + since + ",\"status\":\"dead\"}",
        "{" + since + ",\"status\":[1]}", "{" + since + ",\"status\":[" + "\"dead\",".repeat(20) + "\"dead\"]}",
        "{" + since + ",\"event_types\":[\"viewer.left\"]}", "{" + since + ",\"event_types\":[" + Json.MAPPER.valueToTree(SQL) + "]}",
        "{" + since + ",\"dry_run\":\"yes\"}", "{" + since + ",\"dry_run\":1}", "{" + since + ",\"webhook_id\":\"wh_other\"}",
        "{" + since + ",\"limit\":1000000}", "[" + "{" + since + "}]", "{" + since + "} {}", "{\"since\":\"" + "9".repeat(70) + "\"}")) {
      cases.add(new Case("replay " + abbreviate(body), HttpMethod.POST, wh + "/replay", a.key(), utf8(body), Set.of(400)));
    }
    for (String body : List.of("{\"previous_key_valid_seconds\":-1}", "{\"previous_key_valid_seconds\":604801}",
        "{\"previous_key_valid_seconds\":\"1\"}", "{\"previous_key_valid_seconds\":1.5}", "{\"previous_key_valid_seconds\":1e99}",
        "{\"overlap\":0}", "{\"api_key\":\"rck_mine\"}", "[]", "{")) {
      cases.add(new Case("rotate app key " + abbreviate(body), HttpMethod.POST, "/v1/apps/" + a.id() + "/keys/rotate", a.key(),
          utf8(body), Set.of(400)));
    }
    for (String body : List.of("{\"name\":\"x\",\"history_retention_days\":0}", "{\"name\":\"x\",\"history_retention_days\":366}",
        "{\"name\":\"x\",\"history_retention_days\":\"7\"}", "{\"name\":\"x\",\"history_retention_days\":-7}",
        "{\"name\":\"x\",\"api_key\":\"rck_x\"}")) {
      cases.add(new Case("create app " + abbreviate(body), HttpMethod.POST, "/v1/apps", ADMIN_KEY, utf8(body), Set.of(400)));
      cases.add(new Case("patch app " + abbreviate(body), HttpMethod.PATCH, "/v1/apps/" + a.id(), ADMIN_KEY, utf8(body), Set.of(400)));
    }
    cases.add(new Case("redeliver an unknown delivery", HttpMethod.POST, "/v1/apps/" + a.id()
        + "/deliveries/dlv_0123456789abcdef0123456789abcdef/redeliver", a.key(), null, Set.of(404)));
    cases.add(new Case("redeliver a malformed id", HttpMethod.POST, "/v1/apps/" + a.id() + "/deliveries/" + "x".repeat(100)
        + "/redeliver", a.key(), null, Set.of(404)));
    cases.add(new Case("unknown internal operation", HttpMethod.POST, "/internal/history/drop", ADMIN_KEY, utf8("{}"), Set.of(404)));
    cases.add(new Case("malformed internal request", HttpMethod.POST, "/internal/history/scan", ADMIN_KEY, utf8("{\"scope\":1}"),
        Set.of(400)));
    return cases;
  }

  /** A query whose values are percent-encoded where they hold characters a request line cannot carry. */
  private static String encoded(String query) {
    List<String> parts = new ArrayList<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String value = pair.substring(eq + 1);
      parts.add(value.matches("[A-Za-z0-9._%,:+-]*") ? pair : pair.substring(0, eq + 1) + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    return String.join("&", parts);
  }

  /** Conditional-write headers that are not entity tags, and stale ones: refused, nothing changed. */
  private static List<Case> headerCases(RestClient.App a, String webhook) {
    List<Case> cases = new ArrayList<>();
    String wh = "/v1/apps/" + a.id() + "/webhooks/" + webhook;
    byte[] patch = utf8("{\"description\":\"changed\"}");
    for (String tag : List.of("1", "\"one\"", "\"1", "\"-1\"", "\"" + "9".repeat(30) + "\"", "W/1", "\"1\";drop", SQL, SCRIPT,
        "\"1\"," + "\"2\",".repeat(40) + "\"3\"")) {
      Map<String, String> header = Map.of("If-Match", tag);
      cases.add(new Case("PATCH If-Match " + abbreviate(tag), HttpMethod.PATCH, wh, a.key(), patch, Set.of(400), header));
      cases.add(new Case("DELETE If-Match " + abbreviate(tag), HttpMethod.DELETE, wh, a.key(), null, Set.of(400), header));
    }
    for (String stale : List.of("\"7\"", "\"0\"", "W/\"1\"", "\"2\", \"3\"")) {
      Map<String, String> header = Map.of("If-Match", stale);
      cases.add(new Case("PATCH stale If-Match " + stale, HttpMethod.PATCH, wh, a.key(), patch, Set.of(409), header));
      cases.add(new Case("DELETE stale If-Match " + stale, HttpMethod.DELETE, wh, a.key(), null, Set.of(409), header));
      cases.add(new Case("rotate stale If-Match " + stale, HttpMethod.POST, wh + "/secret/rotate", a.key(), null, Set.of(409), header));
    }
    return cases;
  }

  /** Records in the topics the API writes, to prove nothing was stored. */
  private static Map<String, Integer> counts(SystemUnderTest sut) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("webhooks", Records.read(sut, sut.topics().webhooks()).size());
    counts.put("apps", Records.read(sut, sut.topics().apps()).size());
    counts.put("deliveries", Records.read(sut, sut.topics().deliveries()).size());
    return counts;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviate(String text) {
    String flat = text.replace("\n", "\\n").replace("\r", "\\r");
    return flat.length() <= 70 ? flat : flat.substring(0, 70) + "…(" + flat.length() + " chars)";
  }
}
