package io.realcast.webhooks.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.testing.AdversarialStrings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  void shouldWriteCompactObjectsInInsertionOrder() {
    String json = new JsonText().beginObject().field("b", "1").field("a", 2).beginObject("c").field("d", "x").endObject()
        .field("e", 0).endObject().toString();

    assertThat(json).isEqualTo("{\"b\":\"1\",\"a\":2,\"c\":{\"d\":\"x\"},\"e\":0}");
  }

  @Test
  void shouldUseTheShortEscapesAndLowercaseHexLikeJsonStringify() {
    StringBuilder out = new StringBuilder();
    JsonText.quote(out, "\"\\\b\f\n\r\t\u0000\u001f\u007f/\u2028\ud800x\udc00");

    assertThat(out).hasToString("\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\u007f/\u2028\\ud800x\\udc00\"");
  }

  @Test
  void shouldKeepSurrogatePairsAsFourByteUtf8() {
    byte[] bytes = new JsonText().beginObject().field("e", "\uD83C\uDFAE").endObject().toBytes();

    assertThat(bytes).containsSequence((byte) 0xF0, (byte) 0x9F, (byte) 0x8E, (byte) 0xAE);
  }

  @Test
  void shouldAlwaysProduceValidUtf8() throws Exception {
    String all = String.join("", AdversarialStrings.small());
    byte[] bytes = new JsonText().beginObject().field("s", all).endObject().toBytes();

    // The default decoder reports malformed input instead of replacing it.
    String decoded = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();

    assertThat(decoded).startsWith("{\"s\":\"");
  }

  @Test
  void shouldWriteANullStringAsJsonNullLikeJsonStringify() {
    assertThat(new JsonText().beginObject().field("a", (String) null).endObject().toString()).isEqualTo("{\"a\":null}");
  }

  @Test
  void shouldRefuseIntegersJavaScriptCannotRepresentExactly() {
    assertThatThrownBy(() -> new JsonText().beginObject().field("n", JsonText.MAX_SAFE_INTEGER + 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n");
    assertThat(new JsonText().beginObject().field("n", -JsonText.MAX_SAFE_INTEGER).endObject().toString())
        .isEqualTo("{\"n\":-9007199254740991}");
  }
}
