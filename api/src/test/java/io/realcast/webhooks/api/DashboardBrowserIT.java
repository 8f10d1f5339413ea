package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
 * The dashboard in headless Chromium, as a user follows the integration guide: sign in with a key, create an
 * app, add a webhook through the form, copy the secret from the page, send a test event, see it delivered to
 * a real receiver by the real deliverer, redeliver it; then search the history with the filters, read the charts,
 * replay behind the dry-run confirmation, and see each webhook's chart on the app page; finally rotate the app's
 * key (old and new both work during the overlap) and delete the app with its webhooks. Skipped when Debian's
 * chromium is not installed.
 *
 * <p>Screenshots go to target/screenshots; with {@code -Drealcast.update.screenshots=true} to docs/screenshots.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(240)
class DashboardBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void shouldAddAWebhookSendATestEventSeeItDeliveredAndRedeliverIt(@BootstrapServers String bootstrap, @TempDir Path profile)
      throws Exception {
    Chromium.assumeInstalled();
    Path shots = Chromium.screenshotDirectory();
    try (DeliveryStack stack = DeliveryStack.start(bootstrap, "api-browser")) {
      ScriptedReceiver receiver = stack.receiver;
      ApiService api = stack.api;
      ApiClient client = stack.client;
      KafkaSettings kafka = stack.kafka;
      WebDriver browser = Chromium.start(profile);
      try {
        // The deliveries view refreshes itself every 3 s: an element found just before a refresh may go stale.
        WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get("http://127.0.0.1:" + api.port() + "/");

        // Sign in with the admin key (kept in sessionStorage).
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-input"))).sendKeys(ApiHarness.ADMIN_KEY);
        Chromium.screenshot(browser, shots, "01-sign-in", null);
        browser.findElement(By.id("key-save")).click();

        // Apps: the empty state, then create one and open it.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("apps-empty")));
        browser.findElement(By.id("app-name")).sendKeys("Streamer Tools");
        browser.findElement(By.id("create-app")).click();
        String apiKey = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-api-key"))).getText();
        assertThat(apiKey).startsWith("rck_");
        // The list shows the new app at once (it used to keep saying "No apps yet").
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("apps-table")));
        assertThat(browser.findElements(By.id("apps-empty"))).isEmpty();
        assertThat(browser.findElements(By.className("app-link"))).extracting(WebElement::getText).containsExactly("Streamer Tools");
        Chromium.screenshot(browser, shots, "02-apps", null);
        browser.findElement(By.linkText("Open Streamer Tools →")).click();

        // Webhooks: the empty state, then Add Webhook with URL, event checkboxes, Enabled.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhooks-empty")));
        browser.findElement(By.id("webhook-url")).sendKeys(receiver.url("/webhooks/realcast"));
        browser.findElement(By.cssSelector("input[name=events][value='stream.live']")).click();
        browser.findElement(By.cssSelector("input[name=events][value='chat.message.new']")).click();
        assertThat(browser.findElement(By.id("webhook-enabled")).isSelected()).isTrue();
        browser.findElement(By.id("webhook-submit")).click();

        // Copy the Webhook Secret: read it from the page, as the user would.
        String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-secret"))).getText();
        assertThat(secret).startsWith("whsec_");
        Chromium.screenshot(browser, shots, "03-webhook-added", null);
        browser.findElement(By.id("open-webhook")).click();

        // The webhook: no deliveries yet; Send Test Event with a chosen type.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("deliveries-empty")));
        new Select(browser.findElement(By.id("test-event-type"))).selectByValue("chat.message.new");
        browser.findElement(By.id("send-test")).click();
        By deliveredRow = By.cssSelector("#deliveries-table tr[data-status='delivered']");
        String deliveryId = wait.until(d -> d.findElement(deliveredRow).getAttribute("data-delivery-id"));
        String statusCode = wait.until(d -> d.findElement(deliveredRow).findElement(By.className("status-code")).getText());
        assertThat(statusCode).isEqualTo("200");
        assertThat(receiver.verified(deliveryId, secret)).isEqualTo(1);
        assertThat(receiver.requests().get(0).event()).isEqualTo("chat.message.new");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-stat='processed'] b"), "1"));
        Chromium.screenshot(browser, shots, "04-delivered", null);

        // Redeliver: the same delivery id arrives again, verified, and the row shows delivered again.
        wait.until(d -> {
          d.findElement(deliveredRow).findElement(By.className("redeliver")).click();
          return true;
        });
        wait.until(d -> receiver.verified(deliveryId, secret) == 2);
        wait.until(d -> d.findElements(By.cssSelector("#deliveries-table tr[data-status='delivered'] td:nth-child(4)")).stream()
            .anyMatch(cell -> cell.getText().equals("2")));
        assertThat(client.get("/v1/apps", apiKey).json().path("apps").findValuesAsText("name")).containsExactly("Streamer Tools");
        Chromium.screenshot(browser, shots, "05-redelivered", null);
        assertThat(Chromium.unlabelledControls(browser)).as("form controls without a label").isEmpty();

        // A second event of another type: the filters find each, and the charts draw both from the history.
        new Select(browser.findElement(By.id("test-event-type"))).selectByValue("stream.live");
        browser.findElement(By.id("send-test")).click();
        wait.until(d -> d.findElements(By.cssSelector("#deliveries-table tr[data-status='delivered'][data-event='stream.live']")).size() == 1);
        new Select(browser.findElement(By.id("event-filter"))).selectByValue("chat.message.new");
        browser.findElement(By.id("apply-filters")).click();
        wait.until(d -> rows(d).equals(List.of("chat.message.new")));
        new Select(browser.findElement(By.id("event-filter"))).selectByValue("");
        browser.findElement(By.id("delivery-id-filter")).sendKeys(deliveryId);
        browser.findElement(By.id("apply-filters")).click();
        wait.until(d -> d.findElements(By.cssSelector("#deliveries-table tr")).size() == 2
            && d.findElement(By.cssSelector("#deliveries-table tbody tr")).getAttribute("data-delivery-id").equals(deliveryId));
        browser.findElement(By.id("delivery-id-filter")).clear();
        new Select(browser.findElement(By.id("status-filter"))).selectByValue("dead");
        browser.findElement(By.id("apply-filters")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("deliveries-empty")));
        new Select(browser.findElement(By.id("status-filter"))).selectByValue("delivered");
        browser.findElement(By.id("apply-filters")).click();
        wait.until(d -> rows(d).size() == 2);
        Chromium.screenshot(browser, shots, "06-filters", By.id("filters"));

        wait.until(d -> d.findElements(By.cssSelector("#chart-outcomes rect[data-outcome='delivered']")).size() >= 1);
        wait.until(d -> d.findElements(By.cssSelector("#chart-latency polyline[data-line='p99']")).size() == 1);
        new Select(browser.findElement(By.id("chart-range"))).selectByValue("24h");
        wait.until(d -> d.findElement(By.cssSelector("#chart-outcomes svg")).getAttribute("aria-label").startsWith("3 attempts in the last day"));

        // Replay every delivered delivery since an hour ago: the dry run's count in a confirmation, then the real thing.
        Chromium.setValue(browser, By.id("replay-since"), LocalDateTime.now().minusHours(1).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
        browser.findElement(By.cssSelector("input[name='replay-status'][value='dead']")).click();
        browser.findElement(By.cssSelector("input[name='replay-status'][value='delivered']")).click();
        browser.findElement(By.id("replay-preview")).click();
        WebElement question = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-text")));
        assertThat(question.getText()).startsWith("Replay 2 deliveries");
        assertThat(browser.findElement(By.id("confirm-yes")).getText()).isEqualTo("Replay 2");
        assertThat(receiver.verified(deliveryId, secret)).as("a dry run sends nothing").isEqualTo(2);
        Chromium.screenshot(browser, shots, "08-replay-confirmation", null);
        browser.findElement(By.id("confirm-yes")).click();
        wait.until(d -> receiver.verified(deliveryId, secret) == 3);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Replay queued 2 deliveries"));

        // A busier webhook with a day of history (its attempts written as the deliverer writes them): the charts by outcome.
        String appId = client.get("/v1/apps", apiKey).json().path("apps").get(0).path("id").asText();
        String busy = client.post("/v1/apps/" + appId + "/webhooks", apiKey,
            "{\"url\":\"" + receiver.url("/webhooks/realcast/busy") + "\",\"events\":[\"viewer.joined\"],\"description\":\"busy\"}").json().path("id").asText();
        int seeded = SyntheticHistory.write(kafka, appId, busy, Instant.now());
        browser.get("http://127.0.0.1:" + api.port() + "/#/apps/" + appId + "/webhooks/" + busy);
        wait.until(d -> d.findElement(By.cssSelector("[data-stat='received'] b")).getText().equals(Integer.toString(seeded)));
        new Select(browser.findElement(By.id("chart-range"))).selectByValue("24h");
        wait.until(d -> d.findElements(By.cssSelector("#chart-outcomes rect[data-outcome='dead']")).size() >= 1);
        assertThat(browser.findElements(By.cssSelector("#chart-outcomes rect[data-outcome='retrying']"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#chart-latency polyline"))).hasSize(2);
        Chromium.screenshot(browser, shots, "07-charts", By.id("charts"));

        // The app page: one small chart per webhook, from the same history.
        browser.findElement(By.linkText("Streamer Tools")).click();
        wait.until(d -> d.findElements(By.cssSelector("td.spark-cell svg.spark")).size() == 2);
        assertThat(browser.findElement(By.cssSelector("tr[data-webhook-id='" + busy + "'] td.spark-cell svg")).getAttribute("aria-label"))
            .matches("[1-9][0-9]* attempts in the last hour, [1-9][0-9]* failed");
        Chromium.screenshot(browser, shots, "09-app-charts", null);
        assertThat(Chromium.unlabelledControls(browser)).as("form controls without a label").isEmpty();

        // Signed in with the app's own key instead: only its own app, and no app creation.
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-input"))).sendKeys(apiKey);
        browser.findElement(By.id("key-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("apps-table")));
        assertThat(browser.findElements(By.className("app-link"))).extracting(WebElement::getText).containsExactly("Streamer Tools");
        assertThat(browser.findElements(By.id("create-app-form"))).isEmpty();

        // Back as the admin: rotate the app's key behind its confirmation; the new key is shown once and both work.
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-input"))).sendKeys(ApiHarness.ADMIN_KEY);
        browser.findElement(By.id("key-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("Streamer Tools"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("rotate-key"))).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-text"))).getText())
            .startsWith("Rotate the API key? The current one keeps working");
        browser.findElement(By.id("confirm-yes")).click();
        String rotatedKey = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rotated-api-key"))).getText();
        assertThat(rotatedKey).startsWith("rck_").isNotEqualTo(apiKey);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "API key rotated."));
        assertThat(browser.findElement(By.id("key-rotated")).getText()).contains("shown this once").contains("The previous key works until");
        String appPath = "/v1/apps/" + appId;
        assertThat(client.get(appPath, apiKey).status()).as("the old key during the overlap").isEqualTo(200);
        assertThat(client.get(appPath, rotatedKey).status()).as("the new key").isEqualTo(200);
        Chromium.screenshot(browser, shots, "13-key-rotated", By.id("app-keys"));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rotate-key")));
        assertThat(browser.findElements(By.id("rotated-api-key"))).as("the new key is shown once").isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(rotatedKey);

        // Delete the app behind its confirmation: gone from the list, its keys refused, its webhooks gone.
        List<String> webhookIds = client.get(appPath + "/webhooks", rotatedKey).json().path("webhooks").findValuesAsText("id");
        assertThat(webhookIds).hasSize(2).contains(busy);
        browser.findElement(By.id("delete-app")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-text"))).getText())
            .startsWith("Delete Streamer Tools? Its webhooks are deleted");
        browser.findElement(By.id("confirm-yes")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "App deleted."));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("apps-empty")));
        assertThat(browser.getCurrentUrl()).endsWith("#/apps");
        assertThat(browser.findElements(By.className("app-link"))).isEmpty();
        assertThat(client.get("/v1/apps", ApiHarness.ADMIN_KEY).json().path("apps").findValuesAsText("id")).doesNotContain(appId);
        assertThat(client.get(appPath, ApiHarness.ADMIN_KEY).status()).isEqualTo(404);
        assertThat(client.get(appPath, apiKey).status()).as("the old key").isEqualTo(401);
        assertThat(client.get(appPath, rotatedKey).status()).as("the new key").isEqualTo(401);
        for (String webhookId : webhookIds) {
          assertThat(client.get(appPath + "/webhooks/" + webhookId, ApiHarness.ADMIN_KEY).status()).as("webhook " + webhookId).isEqualTo(404);
        }
        assertThat(client.get(appPath + "/webhooks", ApiHarness.ADMIN_KEY).status()).isEqualTo(404);
      } finally {
        browser.quit();
      }
    }
  }

  /** The events of the rows the deliveries table shows. */
  private static List<String> rows(WebDriver browser) {
    return browser.findElements(By.cssSelector("#deliveries-table tbody tr")).stream().map(r -> r.getAttribute("data-event")).toList();
  }
}
