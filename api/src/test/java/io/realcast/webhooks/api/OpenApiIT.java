package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.api.ApiClient.Response;
import io.realcast.webhooks.api.validation.TargetCheck;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.topic.RetrySchedule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** /v1/openapi.json against the running router: every route documented, every documented route answering. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class OpenApiIT {
  private ApiHarness api;
  private RouteFixture fixture;
  private JsonNode doc;

  @BeforeAll
  void start(@BootstrapServers String bootstrap) throws Exception {
    api = ApiHarness.start(bootstrap, "api-openapi", RetrySchedule.DEFAULT, TargetCheck.ALLOW_ALL);
    fixture = new RouteFixture(api, "OpenAPI");
    Response r = api.client.get("/v1/openapi.json", null);
    assertThat(r.status()).isEqualTo(200);
    doc = r.json();
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private List<String> documented() {
    List<String> ops = new ArrayList<>();
    doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> ops.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    return ops.stream().sorted().toList();
  }

  @Test
  void shouldBeAnOpenApi3Document() {
    assertThat(doc.path("openapi").asText()).startsWith("3.");
    assertThat(doc.path("info").path("title").asText()).isNotBlank();
  }

  @Test
  void shouldDocumentExactlyTheRoutesTheRouterHas() {
    assertThat(documented()).containsExactlyInAnyOrderElementsOf(api.service.routes());
  }

  @Test
  void shouldAnswerEveryDocumentedRouteWithADocumentedStatus() {
    SoftAssertions soft = new SoftAssertions();
    // Destructive operations last, so the others still find the webhook; the app itself goes very last.
    List<String> ops = new ArrayList<>(documented());
    ops.sort(Comparator.comparing((String op) -> op.startsWith("DELETE")).thenComparing(op -> op.equals("DELETE /v1/apps/{app}")));
    for (String op : ops) {
      String method = op.substring(0, op.indexOf(' '));
      String template = op.substring(op.indexOf(' ') + 1);
      Response r = api.client.call(method, fixture.path(template), ApiHarness.ADMIN_KEY, RouteFixture.body(method, template));
      soft.assertThat(r.status()).as(op).isNotIn(404, 405, 500);
      JsonNode responses = doc.path("paths").path(template).path(method.toLowerCase(Locale.ROOT)).path("responses");
      soft.assertThat(responses.has(Integer.toString(r.status()))).as(op + " answered " + r.status() + ", documented: "
          + responses.fieldNames().next()).isTrue();
    }
    soft.assertAll();
  }

  @Test
  void shouldDocumentTheErrorShapeAndThatUnknownFieldsAreRejected() {
    JsonNode error = doc.path("components").path("schemas").path("Error").path("properties").path("error");
    assertThat(error.path("required").toString()).contains("code", "message", "field");
    assertThat(doc.path("components").path("schemas").path("NewWebhook").path("additionalProperties").asBoolean(true)).isFalse();
  }
}
