package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.deliverer.SendResult.FailureKind;
import io.realcast.webhooks.delivery.AttemptResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ClassifierTest {
  private static final Instant NOW = Instant.parse("2024-12-09T10:05:00Z");

  @ParameterizedTest(name = "HTTP {0} is {1} ({2})")
  @CsvSource({
    "200, DELIVERED, 2xx", "201, DELIVERED, 2xx", "202, DELIVERED, 2xx", "204, DELIVERED, 2xx", "299, DELIVERED, 2xx",
    "408, TEMPORARY, 408", "429, TEMPORARY, 429", "500, TEMPORARY, 5xx", "502, TEMPORARY, 5xx", "503, TEMPORARY, 5xx",
    "504, TEMPORARY, 5xx", "599, TEMPORARY, 5xx",
    "410, GONE, 410",
    "400, PERMANENT, 4xx", "401, PERMANENT, 4xx", "403, PERMANENT, 4xx", "404, PERMANENT, 4xx", "405, PERMANENT, 4xx",
    "413, PERMANENT, 4xx", "422, PERMANENT, 4xx",
    "300, PERMANENT, 3xx", "301, PERMANENT, 3xx", "302, PERMANENT, 3xx", "303, PERMANENT, 3xx", "307, PERMANENT, 3xx",
    "308, PERMANENT, 3xx", "304, PERMANENT, 3xx",
    "101, PERMANENT, 1xx",
  })
  void shouldClassifyStatus(int status, AttemptResult expected, String code) {
    Outcome outcome = Classifier.classify(new SendResult.Response(status, null, Duration.ofMillis(3)), NOW);
    assertThat(outcome.result()).isEqualTo(expected);
    assertThat(outcome.status()).isEqualTo(status);
    assertThat(outcome.code()).isEqualTo(code);
  }

  @ParameterizedTest
  @EnumSource(FailureKind.class)
  void shouldRetryEveryTransportFailure(FailureKind kind) {
    Outcome outcome = Classifier.classify(new SendResult.Failure(kind, "x", Duration.ZERO), NOW);
    assertThat(outcome).isEqualTo(new Outcome.Temporary(0, kind.code(), Optional.empty()));
    assertThat(outcome.code()).isEqualTo(kind.code());
  }

  @Test
  void shouldNotRetryARefusedTarget() {
    Outcome outcome = Classifier.classify(new SendResult.Refused("127.0.0.1 is a loopback address"), NOW);
    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    assertThat(outcome.result()).isEqualTo(AttemptResult.PERMANENT);
    assertThat(outcome.error()).contains("loopback");
  }

  @ParameterizedTest(name = "Retry-After \"{1}\" on {0} asks for {2}")
  @CsvSource({
    "429, 120, PT2M",
    "503, 0, PT0S",
    "503, '  30 ', PT30S",
    "429, 'Mon, 09 Dec 2024 10:06:00 GMT', PT1M",
    "429, 'Mon, 09 Dec 2024 10:00:00 GMT', PT0S",
    "429, 99999999999999999999, P1D",
  })
  void shouldReadRetryAfterOn429And503(int status, String header, Duration expected) {
    Outcome outcome = Classifier.classify(new SendResult.Response(status, header, Duration.ZERO), NOW);
    assertThat(((Outcome.Temporary) outcome).retryAfter()).hasValue(expected);
  }

  @ParameterizedTest(name = "Retry-After \"{1}\" on {0} is ignored")
  @CsvSource({"500, 120", "502, 120", "408, 120", "429, soon", "503, ''", "429, -5"})
  void shouldIgnoreRetryAfterElsewhereOrUnreadable(int status, String header) {
    Outcome outcome = Classifier.classify(new SendResult.Response(status, header, Duration.ZERO), NOW);
    assertThat(((Outcome.Temporary) outcome).retryAfter()).isEmpty();
  }
}
