package io.realcast.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.event.InvalidReason;
import org.junit.jupiter.api.Test;

class CodedTest {

  @Test
  void shouldWriteTheLowerCaseNameAndReadItBack() {
    assertThat(InvalidReason.MALFORMED_JSON.code()).isEqualTo("malformed_json");
    assertThat(AttemptResult.GONE.code()).isEqualTo("gone");
    for (AttemptResult r : AttemptResult.values()) {
      assertThat(AttemptResult.fromCode(r.code())).isSameAs(r);
    }
    for (InvalidReason r : InvalidReason.values()) {
      assertThat(Coded.fromCode(InvalidReason.class, r.code())).isSameAs(r);
    }
  }

  @Test
  void shouldRefuseAnUnknownCodeNamingTheType() {
    assertThatThrownBy(() -> AttemptResult.fromCode("DELIVERED")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown AttemptResult code DELIVERED");
  }
}
