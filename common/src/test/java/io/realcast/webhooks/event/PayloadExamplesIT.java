package io.realcast.webhooks.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.testing.PayloadExamples;
import io.realcast.webhooks.testing.ReceiverPrograms;
import io.realcast.webhooks.testing.RepositoryFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The documented example payloads ({@code docs/examples/payloads}) are the contract: for each, what a Node.js
 * receiver makes of it, {@code JSON.stringify(JSON.parse(example))}, must be exactly our body for the same
 * event, field order and all. docs/RECEIVING.md shows those files and the receivers' own signature code.
 */
@Timeout(120)
class PayloadExamplesIT {
  private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

  @Test
  void shouldProduceExactlyTheDocumentedExampleForEveryEventType() {
    List<WebhookEventType> types = List.of(WebhookEventType.values());
    List<byte[]> examples = new ArrayList<>();
    List<byte[]> ours = new ArrayList<>();
    for (WebhookEventType type : types) {
      String example = PayloadExamples.read(type);
      var tree = Json.readTree(example.getBytes(StandardCharsets.UTF_8));
      Instant timestamp = Instant.parse(tree.get("timestamp").asText());
      assertThat(tree.get("event").asText()).isEqualTo(type.wireName());
      examples.add(example.getBytes(StandardCharsets.UTF_8));
      ours.add(new WebhookEvent(EventId.of("evt_example"), timestamp, SampleEvents.payload(type, timestamp)).body());
    }

    List<byte[]> node = ReceiverPrograms.nodeRestringify(examples);

    for (int i = 0; i < types.size(); i++) {
      assertThat(new String(ours.get(i), StandardCharsets.UTF_8)).as(types.get(i).wireName())
          .isEqualTo(new String(node.get(i), StandardCharsets.UTF_8));
    }
  }

  @Test
  void shouldShowEveryExampleFileInReceivingMd() throws Exception {
    List<String> shown = codeBlocks(receivingMd(), "json");

    assertThat(shown).containsExactlyElementsOf(
        PayloadExamples.indented().values().stream().map(e -> e.stripTrailing() + "\n").toList());
  }

  @Test
  void shouldShowTheSignatureCodeTheExampleReceiversRun() throws Exception {
    String doc = receivingMd();
    String node = read("examples/receivers/node/signature.js");
    String python = read("examples/receivers/python/receiver.py");
    String php = read("examples/receivers/php/signature.php");

    assertThat(codeBlocks(doc, "javascript")).singleElement().satisfies(code -> assertThat(node).contains(code))
        .asString().contains("crypto.timingSafeEqual", "'sha256='");
    assertThat(codeBlocks(doc, "python")).singleElement().satisfies(code -> assertThat(python).contains(code))
        .asString().contains("hmac.compare_digest", "'sha256='");
    assertThat(codeBlocks(doc, "php")).singleElement().satisfies(code -> assertThat(php).contains(code))
        .asString().contains("hash_equals", "'sha256='");
  }

  private static String receivingMd() throws Exception {
    return read("docs/RECEIVING.md");
  }

  private static String read(String path) throws Exception {
    return Files.readString(RepositoryFiles.path(path), StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  private static List<String> codeBlocks(String text, String language) {
    List<String> blocks = new ArrayList<>();
    Matcher m = FENCE.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(language)) {
        blocks.add(m.group(2));
      }
    }
    return blocks;
  }
}
