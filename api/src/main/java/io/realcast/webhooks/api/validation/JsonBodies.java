package io.realcast.webhooks.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.id.Ids;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Strict reading of request bodies: one JSON object, no duplicate keys, nothing after it, and no field the
 * endpoint does not know (a typo such as {@code "event"} for {@code "events"} is an error, not ignored).
 */
public final class JsonBodies {
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private JsonBodies() {}

  /** The body as an object whose fields are all in {@code allowed}; an empty body is an empty object. */
  public static ObjectNode object(byte[] body, Set<String> allowed) {
    if (body == null || body.length == 0 || isBlank(body)) {
      return STRICT.createObjectNode();
    }
    JsonNode node;
    try {
      node = STRICT.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiProblem.invalid("malformed_json", null, "the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiProblem.invalid("malformed_json", null, "the body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw ApiProblem.invalid("malformed_json", null, "the body must be a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw ApiProblem.invalid("unknown_field", name, "unknown field " + quote(name) + "; allowed: " + String.join(", ",
            allowed.stream().sorted().toList()));
      }
    }
    return (ObjectNode) node;
  }

  /** A string field, at most {@code maxLength} characters; null if absent. */
  public static String string(JsonNode body, String field, int maxLength) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiProblem.invalid("invalid_type", field, field + " must be a string");
    }
    if (v.asText().length() > maxLength) {
      throw ApiProblem.invalid("too_long", field, field + " must be at most " + maxLength + " characters");
    }
    return v.asText();
  }

  public static String requiredString(JsonNode body, String field, int maxLength) {
    String value = string(body, field, maxLength);
    if (value == null) {
      throw ApiProblem.invalid("missing_field", field, field + " is required");
    }
    return value;
  }

  /** A boolean field; null if absent. */
  public static Boolean bool(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw ApiProblem.invalid("invalid_type", field, field + " must be true or false");
    }
    return v.booleanValue();
  }

  /** A whole number field within [{@code min}, {@code max}]; empty if absent. */
  public static Optional<Long> wholeNumber(JsonNode body, String field, long min, long max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      throw ApiProblem.invalid("invalid_field", field, field + " must be a whole number from " + min + " to " + max);
    }
    return Optional.of(v.asLong());
  }

  /** A list of strings, at most {@code maxItems} of at most {@code maxLength} characters each; empty if absent. */
  public static List<String> strings(JsonNode body, String field, int maxItems, int maxLength) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw ApiProblem.invalid("invalid_type", field, field + " must be a list of strings");
    }
    if (v.size() > maxItems) {
      throw ApiProblem.invalid("too_long", field, field + " must have at most " + maxItems + " entries");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw ApiProblem.invalid("invalid_type", field, field + " must be a list of strings");
      }
      if (e.asText().length() > maxLength) {
        throw ApiProblem.invalid("too_long", field, "each of " + field + " must be at most " + maxLength + " characters");
      }
      out.add(e.asText());
    }
    return out;
  }

  static String quote(String s) {
    return Ids.quoteShort(s);
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
