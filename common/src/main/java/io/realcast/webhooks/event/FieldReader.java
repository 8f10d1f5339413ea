package io.realcast.webhooks.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.json.JsonText;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads typed, required fields of a raw event's JSON object, failing with the field's path. */
final class FieldReader {
  static final int MAX_ID_LENGTH = 256;

  private final JsonNode object;
  private final String path;

  FieldReader(JsonNode object, String path) {
    this.object = object;
    this.path = path;
  }

  /** A non-blank identifier of at most 256 characters, without control characters. */
  String id(String name) {
    String value = text(name);
    if (value.isBlank()) {
      throw invalid(name, "must not be blank");
    }
    // Ids end up in logs, keys and URLs; a control character in one is a producer bug, never data.
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw invalid(name, "must not contain control characters");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw invalid(name, "must be at most " + MAX_ID_LENGTH + " characters, was " + value.length());
    }
    return value;
  }

  /** Any string, possibly empty. */
  String text(String name) {
    JsonNode node = required(name);
    if (!node.isTextual()) {
      throw wrongType(name, "a string", node);
    }
    return node.textValue();
  }

  Instant timestamp(String name) {
    String value = text(name);
    try {
      return Timestamps.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(name, "must be an ISO-8601 date-time with offset, like 2024-12-09T10:00:00Z");
    }
  }

  /** A non-negative integer that JavaScript receivers can represent exactly. */
  long count(String name) {
    JsonNode node = required(name);
    if (!node.isIntegralNumber()) {
      throw wrongType(name, "an integer", node);
    }
    if (!node.canConvertToLong() || node.longValue() < 0 || node.longValue() > JsonText.MAX_SAFE_INTEGER) {
      throw invalid(name, "must be between 0 and " + JsonText.MAX_SAFE_INTEGER);
    }
    return node.longValue();
  }

  private JsonNode required(String name) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      throw new InvalidRawEventException(InvalidReason.MISSING_FIELD, path(name), "is required");
    }
    return node;
  }

  private InvalidRawEventException wrongType(String name, String expected, JsonNode actual) {
    return new InvalidRawEventException(
        InvalidReason.WRONG_TYPE, path(name), "must be " + expected + ", was " + actual.getNodeType().name().toLowerCase());
  }

  private InvalidRawEventException invalid(String name, String message) {
    return new InvalidRawEventException(InvalidReason.INVALID_VALUE, path(name), message);
  }

  private String path(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
