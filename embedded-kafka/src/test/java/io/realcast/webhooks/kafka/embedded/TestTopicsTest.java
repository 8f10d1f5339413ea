package io.realcast.webhooks.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TestTopicsTest {

  @Test
  void shouldAppendARandomSuffixToThePrefix() {
    String first = TestTopics.unique("router");
    String second = TestTopics.unique("router");

    assertThat(first).matches("router-[0-9a-f]{12}");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void shouldRejectPrefixesKafkaWouldRefuseAsTopicNames() {
    assertThatThrownBy(() -> TestTopics.unique("router events"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TestTopics.unique("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TestTopics.unique("x".repeat(237)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
