package io.realcast.webhooks.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.testing.ReceiverPrograms;
import io.realcast.webhooks.testing.WebhookBodies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every body must equal, byte for byte, what a Node.js receiver re-serializes it to (docs/RECEIVING.md),
 * or its signature check fails. Proven against the real {@code node}, not against our idea of it.
 */
@Timeout(120)
class JsonTextNodeParityIT {

  @Test
  void shouldWriteEverySampleAndAdversarialBodyExactlyAsJsonStringifyDoes() {
    Map<String, byte[]> bodies = WebhookBodies.all();
    List<String> names = new ArrayList<>(bodies.keySet());
    List<byte[]> ours = new ArrayList<>(bodies.values());

    List<byte[]> node = ReceiverPrograms.nodeRestringify(ours);

    SoftAssertions softly = new SoftAssertions();
    for (int i = 0; i < ours.size(); i++) {
      softly.assertThat(new String(ours.get(i), StandardCharsets.UTF_8)).as(names.get(i))
          .isEqualTo(new String(node.get(i), StandardCharsets.UTF_8));
      softly.assertThat(ours.get(i)).as("bytes of " + names.get(i)).isEqualTo(node.get(i));
    }
    softly.assertAll();
    assertThat(names).hasSizeGreaterThan(100);
  }

  @Test
  void shouldEscapeEveryControlCharacterAndLoneSurrogateAsJavaScriptDoes() {
    List<byte[]> strings = new ArrayList<>();
    List<String> javaQuoted = new ArrayList<>();
    for (int c = 0; c <= 0xFFFF; c++) {
      boolean interesting = c < 0x80 || (c >= 0x2000 && c <= 0x2030) || (c >= 0xD7F0 && c <= 0xE010) || c >= 0xFFF0;
      if (interesting) {
        StringBuilder out = new StringBuilder("{\"s\":");
        JsonText.quote(out, "a" + (char) c + "b");
        javaQuoted.add(out.append('}').toString());
        strings.add(javaQuoted.get(javaQuoted.size() - 1).getBytes(StandardCharsets.UTF_8));
      }
    }

    List<byte[]> node = ReceiverPrograms.nodeRestringify(strings);

    for (int i = 0; i < strings.size(); i++) {
      assertThat(new String(node.get(i), StandardCharsets.UTF_8)).isEqualTo(javaQuoted.get(i));
    }
  }
}
