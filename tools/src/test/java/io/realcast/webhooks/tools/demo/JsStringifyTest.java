package io.realcast.webhooks.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsStringifyTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{ \"event\" : \"stream.live\", \"data\": {\"n\": 1} }|{\"event\":\"stream.live\",\"data\":{\"n\":1}}",
      "{\"b\":1,\"2\":2,\"a\":3,\"1\":4}|{\"1\":4,\"2\":2,\"b\":1,\"a\":3}",
      "{\"01\":1,\"1\":2}|{\"1\":2,\"01\":1}",
      "{\"a\":1,\"b\":2,\"a\":3}|{\"a\":3,\"b\":2}",
      "{\"x\":1.0,\"y\":-0,\"z\":1.5e3,\"w\":0.1,\"v\":1e21,\"u\":1e-7}|{\"x\":1,\"y\":0,\"z\":1500,\"w\":0.1,\"v\":1e+21,\"u\":1e-7}",
      "{\"big\":9007199254740993,\"huge\":1152921504606846976}|{\"big\":9007199254740992,\"huge\":1152921504606847000}",
      "{\"s\":\"\\u00e9\\u2028\\/\\ud83d\\ude00\\u0001\",\"l\":[true,false,null,[]]}|{\"s\":\"é\u2028/😀\\u0001\",\"l\":[true,false,null,[]]}",
      "{\"lone\":\"\\ud800x\"}|{\"lone\":\"\\ud800x\"}",
  })
  void shouldReserializeLikeJavaScriptsJsonStringify(String input, String expected) throws Exception {
    String out = JsStringify.stringify(Json.MAPPER.readTree(input.getBytes(StandardCharsets.UTF_8)));

    assertThat(out).isEqualTo(expected);
  }
}
