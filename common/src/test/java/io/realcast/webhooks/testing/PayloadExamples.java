package io.realcast.webhooks.testing;

import io.realcast.webhooks.event.WebhookEventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.Map;

/**
 * The documented example payload of each event type, {@code docs/examples/payloads/<event>.json}: indented
 * as docs/RECEIVING.md shows them. Tests compare our bodies with their compact form byte for byte.
 */
public final class PayloadExamples {
  public static final String DIRECTORY = "docs/examples/payloads";

  private PayloadExamples() {}

  /** Every event type's example as written in its file. */
  public static Map<WebhookEventType, String> indented() {
    Map<WebhookEventType, String> examples = new EnumMap<>(WebhookEventType.class);
    for (WebhookEventType type : WebhookEventType.values()) {
      examples.put(type, read(type));
    }
    return examples;
  }

  public static String read(WebhookEventType type) {
    try {
      return Files.readString(RepositoryFiles.path(DIRECTORY + "/" + type.wireName() + ".json"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
