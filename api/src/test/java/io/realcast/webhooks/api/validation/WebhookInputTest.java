package io.realcast.webhooks.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.subscription.DeliveryOptions;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookInputTest {
  private final WebhookUrls urls = new WebhookUrls(host -> host.equals("10.0.0.1") ? Optional.of("private") : Optional.empty());

  private WebhookInput parse(String json) {
    return WebhookInput.parse(json.getBytes(StandardCharsets.UTF_8), urls);
  }

  @Test
  void shouldReadAFullWebhook() {
    WebhookInput in = parse("{\"url\":\"https://example.com/hook\",\"events\":[\"stream.live\",\"chat.message.new\"],"
        + "\"enabled\":false,\"description\":\"prod\"}").requireForCreate();
    assertThat(in.url()).contains("https://example.com/hook");
    assertThat(in.events().orElseThrow()).containsExactlyInAnyOrder(WebhookEventType.STREAM_LIVE, WebhookEventType.CHAT_MESSAGE_NEW);
    assertThat(in.enabled()).contains(false);
    assertThat(in.description()).contains("prod");
  }

  @Test
  void shouldReadDeliveryOptionsBesideTheWebhooksFields() {
    WebhookInput in = parse("{\"url\":\"https://example.com/hook\",\"events\":[\"viewer.count.update\"],\"ordering\":\"stream\","
        + "\"max_in_flight\":3,\"headers\":{\"X-Tenant\":\"t1\"}}").requireForCreate();
    DeliveryOptions o = in.options().applyTo(DeliveryOptions.DEFAULTS);
    assertThat(o.ordered()).isTrue();
    assertThat(o.maxInFlight()).hasValue(3);
    assertThat(o.rateLimitPerSecond()).isEmpty();
    assertThat(o.headers()).containsEntry("X-Tenant", "t1");
    assertThat(parse("{\"enabled\":true}").options()).isEqualTo(DeliveryOptionsInput.NONE);
  }

  @ParameterizedTest(name = "{0} -> {1} on {2}")
  @CsvSource(delimiter = '|', value = {
      "{                                                              | malformed_json  | ",
      "[1,2]                                                          | malformed_json  | ",
      "{\"url\":\"https://a.example\"} trailing                       | malformed_json  | ",
      "{\"url\":\"https://a.example\",\"url\":\"https://b.example\"}  | malformed_json  | ",
      "{\"url\":\"https://a.example\",\"event\":[\"stream.live\"]}    | unknown_field   | event",
      "{\"events\":[\"stream.live\"]}                                 | missing_field   | url",
      "{\"url\":\"https://a.example\"}                                | missing_field   | events",
      "{\"url\":\"https://a.example\",\"events\":[]}                  | empty_events    | events",
      "{\"url\":\"https://a.example\",\"events\":\"stream.live\"}     | invalid_type    | events",
      "{\"url\":\"https://a.example\",\"events\":[\"stream.bogus\"]}  | unknown_event   | events",
      "{\"url\":\"https://a.example\",\"events\":[1]}                 | invalid_type    | events",
      "{\"url\":42,\"events\":[\"stream.live\"]}                      | invalid_type    | url",
      "{\"url\":\"ftp://a.example/x\",\"events\":[\"stream.live\"]}   | invalid_url     | url",
      "{\"url\":\"/webhooks/realcast\",\"events\":[\"stream.live\"]}  | invalid_url     | url",
      "{\"url\":\"https://\",\"events\":[\"stream.live\"]}            | invalid_url     | url",
      "{\"url\":\"https://u:p@a.example/\",\"events\":[\"stream.live\"]} | url_credentials | url",
      "{\"url\":\"http://10.0.0.1/x\",\"events\":[\"stream.live\"]}   | private_target  | url",
      "{\"url\":\"http://0177.0.0.1/x\",\"events\":[\"stream.live\"]} | invalid_url     | url",
      "{\"url\":\"http://0x7f.1/x\",\"events\":[\"stream.live\"]}     | invalid_url     | url",
      "{\"url\":\"http://2130706433/\",\"events\":[\"stream.live\"]}  | invalid_url     | url",
      "{\"url\":\"https://a.example\",\"events\":[\"stream.live\"],\"enabled\":\"yes\"} | invalid_type | enabled",
      "{\"url\":\"https://a.example\",\"events\":[\"stream.live\"],\"order\":\"stream\"} | unknown_field | order",
      "{\"url\":\"https://a.example\",\"events\":[\"stream.live\"],\"ordering\":\"fifo\"} | invalid_field | ordering",
      "{\"url\":\"https://a.example\",\"events\":[\"stream.live\"],\"headers\":{\"Host\":\"x\"}} | invalid_header | headers",
  })
  void shouldRefuseBadInputNamingTheField(String json, String code, String field) {
    assertThatThrownBy(() -> parse(json).requireForCreate())
        .isInstanceOfSatisfying(ApiProblem.class, p -> {
          assertThat(p.code()).isEqualTo(code);
          assertThat(p.field()).isEqualTo(field);
          assertThat(p.status()).isEqualTo(400);
        });
  }

  @Test
  void shouldRefuseOversizedFields() {
    String longUrl = "https://a.example/" + "x".repeat(WebhookUrls.MAX_LENGTH);
    assertThatThrownBy(() -> parse("{\"url\":\"" + longUrl + "\",\"events\":[\"stream.live\"]}"))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo("too_long"));
    String longDescription = "d".repeat(WebhookInput.MAX_DESCRIPTION + 1);
    assertThatThrownBy(() -> parse("{\"description\":\"" + longDescription + "\"}"))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.field()).isEqualTo("description"));
  }

  @Test
  void shouldAcceptAnEmptyPatch() {
    WebhookInput in = parse("");
    assertThat(in.url()).isEmpty();
    assertThat(in.events()).isEmpty();
  }
}
