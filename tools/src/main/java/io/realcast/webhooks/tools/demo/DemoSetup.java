package io.realcast.webhooks.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.signing.WebhookSecret;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the demo app and its two webhooks through the REST API, as the seed's dashboard steps do:
 * the main one (every event) at the demo receiver or {@code --webhook-url}, and one at the receiver's
 * flaky endpoint (a few events) so retries and dead letters appear. Reuses them on the next start.
 */
final class DemoSetup {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSetup.class);
  static final List<String> FLAKY_EVENTS = List.of("stream.live", "stream.offline", "viewer.joined", "chat.message.new");

  /** What the demo registered: the main webhook's secret is what a receiver verifies with. */
  record Registered(String appId, String webhookId, WebhookSecret secret, String flakyWebhookId) {}

  private DemoSetup() {}

  static Registered ensure(DemoApiClient api, Path dataDir, String webhookUrl, String flakyUrl) {
    Optional<DemoState> previous = DemoState.load(dataDir);
    String appId = previous.map(DemoState::appId).filter(id -> api.find("/v1/apps/" + id).isPresent())
        .orElseGet(() -> createApp(api));
    String base = "/v1/apps/" + appId + "/webhooks/";
    String main = reuseOrCreate(api, appId, previous.map(DemoState::webhookId), webhookUrl, allEvents(), "RealCast demo receiver");
    String flaky = reuseOrCreate(api, appId, previous.map(DemoState::flakyWebhookId), flakyUrl, FLAKY_EVENTS,
        "Demo endpoint that fails some requests on purpose (retries, dead letters)");
    new DemoState(appId, main, flaky).save(dataDir);
    WebhookSecret secret = new WebhookSecret(api.find(base + main + "/secret").orElseThrow().path("secret").asText());
    return new Registered(appId, main, secret, flaky);
  }

  private static String createApp(DemoApiClient api) {
    JsonNode app = api.post("/v1/apps", Json.MAPPER.createObjectNode().put("name", "RealCast demo"));
    LOG.info("Demo app {} created", app.path("id").asText());
    return app.path("id").asText();
  }

  /** The known webhook pointed at {@code url} and enabled, or a new one. */
  private static String reuseOrCreate(DemoApiClient api, String appId, Optional<String> known, String url, List<String> events,
      String description) {
    String base = "/v1/apps/" + appId + "/webhooks";
    Optional<String> existing = known.filter(id -> !id.isEmpty()).filter(id -> api.find(base + "/" + id).isPresent());
    if (existing.isPresent()) {
      api.patch(base + "/" + existing.get(), Json.MAPPER.createObjectNode().put("url", url).put("enabled", true));
      return existing.get();
    }
    ObjectNode body = Json.MAPPER.createObjectNode().put("url", url).put("enabled", true).put("description", description);
    events.forEach(body.putArray("events")::add);
    String id = api.post(base, body).path("id").asText();
    LOG.info("Demo webhook {} created for {}", id, url);
    return id;
  }

  private static List<String> allEvents() {
    return Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName).toList();
  }
}
