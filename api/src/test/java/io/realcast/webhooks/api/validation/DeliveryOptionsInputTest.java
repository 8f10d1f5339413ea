package io.realcast.webhooks.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.DeliveryOptions.Ordering;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryOptionsInputTest {
  private static final DeliveryOptions SET = new DeliveryOptions(Ordering.STREAM, OptionalInt.of(50), OptionalInt.of(4),
      Map.of("Authorization", "Bearer abc"));

  private static DeliveryOptionsInput parse(String json) {
    return DeliveryOptionsInput.parse(Json.readTree(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldReadEveryOptionInTheOrderTheHeadersCameIn() {
    DeliveryOptions o = parse("{\"ordering\":\"stream\",\"rate_limit_per_second\":25,\"max_in_flight\":2,"
        + "\"headers\":{\"X-Tenant\":\"t1\",\"Authorization\":\"Bearer abc\"}}").applyTo(DeliveryOptions.DEFAULTS);
    assertThat(o.ordering()).isEqualTo(Ordering.STREAM);
    assertThat(o.rateLimitPerSecond()).hasValue(25);
    assertThat(o.maxInFlight()).hasValue(2);
    assertThat(o.headers().keySet()).containsExactly("X-Tenant", "Authorization");
  }

  @Test
  void shouldLeaveWhatIsNotGivenAsItIs() {
    assertThat(parse("{}").applyTo(SET)).isEqualTo(SET);
    DeliveryOptions onlyRate = parse("{\"rate_limit_per_second\":7}").applyTo(SET);
    assertThat(onlyRate).isEqualTo(SET.withRateLimitPerSecond(OptionalInt.of(7)));
  }

  @Test
  void shouldSetEachOptionBackToItsDefaultOnNull() {
    DeliveryOptions cleared = parse("{\"ordering\":null,\"rate_limit_per_second\":null,\"max_in_flight\":null,\"headers\":null}")
        .applyTo(SET);
    assertThat(cleared).isEqualTo(DeliveryOptions.DEFAULTS);
    assertThat(parse("{\"headers\":{}}").applyTo(SET).headers()).isEmpty();
    assertThat(parse("{\"ordering\":\"none\"}").applyTo(SET).ordered()).isFalse();
  }

  @Test
  void shouldAcceptTheLimitsThemselves() {
    DeliveryOptions o = parse("{\"rate_limit_per_second\":" + DeliveryOptions.MAX_RATE_LIMIT + ",\"max_in_flight\":1}")
        .applyTo(DeliveryOptions.DEFAULTS);
    assertThat(o.rateLimitPerSecond()).hasValue(DeliveryOptions.MAX_RATE_LIMIT);
    assertThat(o.maxInFlight()).hasValue(1);
    String twenty = IntStream.range(0, DeliveryOptions.MAX_HEADERS).mapToObj(i -> "\"X-H" + i + "\":\"v\"")
        .collect(Collectors.joining(",", "{\"headers\":{", "}}"));
    assertThat(parse(twenty).applyTo(DeliveryOptions.DEFAULTS).headers()).hasSize(DeliveryOptions.MAX_HEADERS);
  }

  @ParameterizedTest(name = "{0} -> {1} on {2}")
  @CsvSource(delimiter = '|', value = {
      "{\"ordering\":\"fifo\"}                              | invalid_field  | ordering",
      "{\"ordering\":\"STREAM\"}                            | invalid_field  | ordering",
      "{\"ordering\":1}                                     | invalid_type   | ordering",
      "{\"rate_limit_per_second\":0}                        | invalid_field  | rate_limit_per_second",
      "{\"rate_limit_per_second\":100001}                   | invalid_field  | rate_limit_per_second",
      "{\"rate_limit_per_second\":2.5}                      | invalid_field  | rate_limit_per_second",
      "{\"rate_limit_per_second\":\"10\"}                   | invalid_field  | rate_limit_per_second",
      "{\"max_in_flight\":0}                                | invalid_field  | max_in_flight",
      "{\"max_in_flight\":1025}                             | invalid_field  | max_in_flight",
      "{\"max_in_flight\":-3}                               | invalid_field  | max_in_flight",
      "{\"headers\":[\"X-A: b\"]}                           | invalid_type   | headers",
      "{\"headers\":\"X-A: b\"}                             | invalid_type   | headers",
      "{\"headers\":{\"X-A\":1}}                            | invalid_type   | headers",
      "{\"headers\":{\"X-A\":null}}                         | invalid_type   | headers",
      "{\"headers\":{\"X-RealCast-Event\":\"x\"}}           | invalid_header | headers",
      "{\"headers\":{\"x-realcast-anything\":\"x\"}}        | invalid_header | headers",
      "{\"headers\":{\"webhook-signature\":\"x\"}}          | invalid_header | headers",
      "{\"headers\":{\"Content-Type\":\"text/plain\"}}      | invalid_header | headers",
      "{\"headers\":{\"Host\":\"evil.example\"}}            | invalid_header | headers",
      "{\"headers\":{\"User-Agent\":\"me\"}}                | invalid_header | headers",
      "{\"headers\":{\"X Bad\":\"x\"}}                      | invalid_header | headers",
      "{\"headers\":{\"\":\"x\"}}                           | invalid_header | headers",
      "{\"headers\":{\"X-A\":\"line\\nX-B: injected\"}}     | invalid_header | headers",
      "{\"headers\":{\"X-A\":\"one\",\"x-a\":\"two\"}}      | invalid_header | headers",
  })
  void shouldRefuseBadOptionsNamingTheField(String json, String code, String field) {
    assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ApiProblem.class, p -> {
      assertThat(p.status()).isEqualTo(400);
      assertThat(p.code()).isEqualTo(code);
      assertThat(p.field()).isEqualTo(field);
      assertThat(p.getMessage()).isNotBlank();
    });
  }

  @Test
  void shouldNameTheHeaderAtFault() {
    assertThatThrownBy(() -> parse("{\"headers\":{\"X-Ok\":\"1\",\"X-RealCast-Signature\":\"sha256=forged\"}}"))
        .hasMessageContaining("X-RealCast-Signature");
    assertThatThrownBy(() -> parse("{\"headers\":{\"X Bad\":\"1\"}}")).hasMessageContaining("\"X Bad\"");
  }

  @Test
  void shouldRefuseMoreThanTwentyHeadersAndOverlongValues() {
    String many = IntStream.range(0, DeliveryOptions.MAX_HEADERS + 1).mapToObj(i -> "\"X-H" + i + "\":\"v\"")
        .collect(Collectors.joining(",", "{\"headers\":{", "}}"));
    assertThatThrownBy(() -> parse(many)).isInstanceOfSatisfying(ApiProblem.class, p -> {
      assertThat(p.code()).isEqualTo("too_long");
      assertThat(p.field()).isEqualTo("headers");
    });
    String longValue = "v".repeat(DeliveryOptions.MAX_HEADER_VALUE_LENGTH + 1);
    assertThatThrownBy(() -> parse("{\"headers\":{\"X-A\":\"" + longValue + "\"}}"))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo("invalid_header"));
  }
}
