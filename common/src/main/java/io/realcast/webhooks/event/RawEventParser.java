package io.realcast.webhooks.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.Ids;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;

/**
 * Validates raw event bytes against the raw event contract (producer/README.md). Every rejection names a reason and, where there is one,
 * the field. Unknown extra fields are ignored so producers can add fields before consumers know them.
 */
public final class RawEventParser {
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    // Raw events are flat; anything nested deeper than this is an attack or a bug, not an event.
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
  }

  private final int maxBytes;

  public RawEventParser(int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
  }

  public RawEventParser() {
    this(DEFAULT_MAX_BYTES);
  }

  /** Parses and validates; throws {@link InvalidRawEventException} naming what is wrong. */
  public RawEvent parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidRawEventException(InvalidReason.MALFORMED_JSON, null, "empty record value");
    }
    if (bytes.length > maxBytes) {
      throw new InvalidRawEventException(
          InvalidReason.TOO_LARGE, null, bytes.length + " bytes exceeds the limit of " + maxBytes);
    }
    rejectNulBytes(bytes);
    JsonNode root = readTree(bytes);
    if (root.isMissingNode()) {
      throw new InvalidRawEventException(InvalidReason.MALFORMED_JSON, null, "no JSON value, only whitespace");
    }
    if (!root.isObject()) {
      throw new InvalidRawEventException(InvalidReason.NOT_AN_OBJECT, null, "a raw event must be a JSON object");
    }
    FieldReader envelope = new FieldReader(root, "");
    EventId id = typedId(envelope, "id", EventId::of);
    String typeName = envelope.text("type");
    RawEventType type = RawEventType.fromWireName(typeName).orElseThrow(() -> new InvalidRawEventException(
        InvalidReason.UNKNOWN_TYPE, "type", "unknown event type " + Ids.quoteShort(typeName)));
    AppId appId = typedId(envelope, "app_id", AppId::of);
    Instant occurredAt = envelope.timestamp("occurred_at");
    JsonNode data = root.get("data");
    if (data == null || data.isNull()) {
      throw new InvalidRawEventException(InvalidReason.MISSING_FIELD, "data", "is required");
    }
    if (!data.isObject()) {
      throw new InvalidRawEventException(InvalidReason.WRONG_TYPE, "data", "must be an object");
    }
    return new RawEvent(id, appId, occurredAt, type.read(new FieldReader(data, "data")));
  }

  private static <T> T typedId(FieldReader fields, String name, Function<String, T> constructor) {
    String value = fields.id(name);
    try {
      return constructor.apply(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidRawEventException(InvalidReason.INVALID_VALUE, name, e.getMessage());
    }
  }

  /**
   * JSON text is UTF-8 with control characters escaped, so a raw NUL byte is never valid. Checked up
   * front because Jackson would otherwise detect UTF-16 or UTF-32 input (full of NUL bytes) and accept it.
   */
  private static void rejectNulBytes(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new InvalidRawEventException(
            InvalidReason.MALFORMED_JSON, null, "raw NUL byte at offset " + i + "; JSON text is UTF-8 and escapes control characters");
      }
    }
  }

  private static JsonNode readTree(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      // Jackson's message quotes the offending input; keep only its first line, which names the problem.
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable JSON");
      throw new InvalidRawEventException(InvalidReason.MALFORMED_JSON, null, message);
    }
  }
}
