package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.subscription.WebhookHealth;
import io.realcast.webhooks.testkit.receiver.RecordedRequest;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium, signed in with an app's own key: set the app's operational webhook, edit a
 * webhook's delivery options (a refused header shows the API's error; the saved header reaches the receiver through the
 * real deliverer), see it failing, see it disabled after its endpoint answered 410 Gone (the operational webhook told,
 * signed), and enable it again with its dead letters recovered and delivered. Skipped when Debian's chromium is not installed.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(240)
class DashboardWebhookSettingsBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void shouldEditDeliveryOptionsShowADisabledWebhookAndEnableItAgainWithItsDeadLetters(@BootstrapServers String bootstrap,
      @TempDir Path profile) throws Exception {
    Chromium.assumeInstalled();
    Path shots = Chromium.screenshotDirectory();
    try (DeliveryStack stack = DeliveryStack.start(bootstrap, "api-browser-settings")) {
      ScriptedReceiver receiver = stack.receiver;
      ApiService api = stack.api;
      ApiClient client = stack.client;
      KafkaSettings kafka = stack.kafka;
      JsonNode app = client.post("/v1/apps", ApiHarness.ADMIN_KEY, "{\"name\":\"Streamer Tools\"}").json();
      String appId = app.path("id").asText();
      String key = app.path("api_key").asText();
      String hookUrl = receiver.url("/hook");
      JsonNode created = client.post("/v1/apps/" + appId + "/webhooks", key, "{\"url\":\"" + hookUrl + "\",\"events\":[\"stream.live\"]}")
          .json();
      String webhookId = created.path("id").asText();
      String secret = created.path("secret").asText();
      String webhookPath = "/v1/apps/" + appId + "/webhooks/" + webhookId;

      WebDriver browser = Chromium.start(profile);
      try {
        WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get("http://127.0.0.1:" + api.port() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-input"))).sendKeys(key);
        browser.findElement(By.id("key-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.className("app-link"))).click();

        // The app's operational webhook, set with the app's own key: it appears in the list, marked.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operational-url"))).sendKeys(receiver.url("/ops"));
        browser.findElement(By.id("operational-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Operational webhook saved."));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operational-open")));
        JsonNode withOps = client.get("/v1/apps/" + appId, key).json();
        assertThat(withOps.path("operational_webhook_url").asText()).isEqualTo(receiver.url("/ops"));
        String opsId = withOps.path("operational_webhook_id").asText();
        assertThat(browser.findElement(By.cssSelector("tr[data-webhook-id='" + opsId + "'] .s-operational")).getText())
            .isEqualTo("operational");
        assertThat(browser.findElements(By.cssSelector("input[name=events][value='webhook.disabled']")))
            .as("the Add Webhook form offers stream events only").isEmpty();
        assertThat(Chromium.unlabelledControls(browser)).as("form controls without a label").isEmpty();
        Chromium.screenshot(browser, shots, "10-operational-webhook", By.id("operational-card"));

        // Delivery options: ordered per stream, 5 a second, 2 in flight, one extra header.
        browser.findElement(By.cssSelector("tr[data-webhook-id='" + webhookId + "'] .webhook-link")).click();
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("opt-ordering")))).selectByValue("stream");
        browser.findElement(By.id("opt-rate")).sendKeys("5");
        browser.findElement(By.id("opt-in-flight")).sendKeys("2");
        browser.findElement(By.id("opt-add-header")).click();
        browser.findElement(By.id("opt-header-name-0")).sendKeys("X-Tenant");
        browser.findElement(By.id("opt-header-value-0")).sendKeys("acme");
        browser.findElement(By.id("options-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Delivery options saved."));
        JsonNode saved = client.get(webhookPath, key).json();
        assertThat(saved.path("ordering").asText()).isEqualTo("stream");
        assertThat(saved.path("rate_limit_per_second").asInt()).isEqualTo(5);
        assertThat(saved.path("max_in_flight").asInt()).isEqualTo(2);
        assertThat(saved.path("headers").toString()).isEqualTo("{\"X-Tenant\":\"acme\"}");
        // The page shows what is stored.
        wait.until(d -> d.findElement(By.id("opt-header-name-0")).getAttribute("value").equals("X-Tenant"));
        assertThat(new Select(browser.findElement(By.id("opt-ordering"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("stream");
        assertThat(browser.findElement(By.id("opt-rate")).getAttribute("value")).isEqualTo("5");
        assertThat(Chromium.unlabelledControls(browser)).as("form controls without a label").isEmpty();
        Chromium.screenshot(browser, shots, "11-delivery-options", By.id("options-card"));

        // A header of ours is refused with the API's words, and nothing changes.
        browser.findElement(By.id("opt-add-header")).click();
        browser.findElement(By.id("opt-header-name-1")).sendKeys("X-RealCast-Signature");
        browser.findElement(By.id("opt-header-value-1")).sendKeys("forged");
        browser.findElement(By.id("options-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "(field: headers)"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("X-RealCast-Signature");
        assertThat(client.get(webhookPath, key).json().path("version").asInt()).isEqualTo(saved.path("version").asInt());

        // The saved header goes out with a test event, through the real deliverer.
        browser.navigate().refresh();
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-event-type")))).selectByValue("stream.live");
        browser.findElement(By.id("send-test")).click();
        RecordedRequest first = receiver.awaitMatching(r -> r.path().equals("/hook"), 1, WAIT).get(0);
        assertThat(first.header("X-Tenant")).isEqualTo("acme");
        assertThat(first.signedWith(secret)).isTrue();
        wait.until(d -> d.findElements(By.cssSelector("#deliveries-table tr[data-status='delivered']")).size() == 1);

        // Failing: as the deliverer records it, counted against the webhook as it is now.
        Instant failingSince = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        TopicProbe.write(kafka, kafka.topics().webhookHealth(), webhookId,
            new WebhookHealth(WebhookId.of(webhookId), saved.path("version").asLong(), failingSince, 3, Instant.now(), "http_503").encode());
        Poll.until("the failing record", WAIT, () -> client.get(webhookPath, key).json(), j -> !j.path("failing").isNull());
        browser.navigate().refresh();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("failing-banner"))).getText())
            .contains("3 dead letters so far").contains("http_503");

        // The endpoint refuses one delivery for good (400) and then answers 410 Gone: the platform disables the webhook.
        receiver.script("/hook", Reply.status(400), Reply.status(410));
        client.post(webhookPath + "/test", key, "{\"event\":\"stream.live\"}");
        Poll.until("the 400 dead letter", WAIT, () -> receiver.requests("/hook").size(), n -> n == 2);
        client.post(webhookPath + "/test", key, "{\"event\":\"stream.live\"}");
        JsonNode disabled = Poll.until("the webhook disabled after 410", WAIT, () -> client.get(webhookPath, key).json(),
            j -> !j.path("enabled").asBoolean());
        assertThat(disabled.path("disabled_reason").asText()).startsWith("gone");
        // The app's operational webhook heard of it: webhook.disabled, signed with its own secret.
        String opsSecret = client.get("/v1/apps/" + appId + "/webhooks/" + opsId + "/secret", key).json().path("secret").asText();
        RecordedRequest notice = receiver.awaitMatching(r -> r.path().equals("/ops"), 1, WAIT).get(0);
        assertThat(notice.event()).isEqualTo("webhook.disabled");
        assertThat(notice.signedWith(opsSecret)).isTrue();
        JsonNode data = Json.readTree(notice.body()).path("data");
        assertThat(data.path("webhook_id").asText()).isEqualTo(webhookId);
        assertThat(data.path("reason").asText()).isEqualTo("gone");
        Poll.until("both dead letters in the history", WAIT,
            () -> client.get(webhookPath + "/deliveries?status=dead", key).json().path("deliveries").size(), n -> n == 2);

        // The banner: why and when, and Enable again with the dead letters since the last success recovered.
        browser.navigate().refresh();
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("disabled-banner")));
        assertThat(banner.findElement(By.id("disabled-reason")).getText()).contains("gone");
        assertThat(browser.findElements(By.id("failing-banner"))).isEmpty();
        assertThat(browser.findElement(By.id("recover-dead")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("recover-since")).getAttribute("value")).isNotBlank();
        assertThat(Chromium.unlabelledControls(browser)).as("form controls without a label").isEmpty();
        Chromium.screenshot(browser, shots, "12-disabled-banner", null);
        browser.findElement(By.id("reenable")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Webhook enabled again. 2 dead letters queued again."));
        assertThat(browser.findElements(By.id("disabled-banner"))).isEmpty();
        JsonNode enabled = client.get(webhookPath, key).json();
        assertThat(enabled.path("enabled").asBoolean()).isTrue();
        assertThat(enabled.path("disabled_reason").isNull()).isTrue();

        // Both dead letters arrive again, verified, and end delivered.
        List<RecordedRequest> again = receiver.awaitMatching(r -> r.path().equals("/hook") && r.answeredOk(), 3, WAIT);
        assertThat(again).allMatch(r -> r.signedWith(secret));
        wait.until(d -> d.findElements(By.cssSelector("#deliveries-table tr[data-status='delivered']")).size() == 3);
        assertThat(client.get(webhookPath + "/deliveries?status=dead", key).json().path("deliveries").size()).isZero();
      } finally {
        browser.quit();
      }
    }
  }
}
