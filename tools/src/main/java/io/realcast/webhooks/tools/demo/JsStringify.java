package io.realcast.webhooks.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.json.JsonText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What JavaScript's {@code JSON.stringify(JSON.parse(text))} yields for a parsed document: the bytes
 * the seed's Express receiver signs-checks after {@code express.json()} re-parsed the body. The demo
 * receiver verifies with this, not with the raw bytes, so it fails exactly when the seed's would.
 *
 * <p>JavaScript semantics kept: numbers are doubles ({@code 1.0} prints {@code 1}, {@code -0} prints
 * {@code 0}); object keys that are array indices come first in ascending order, then the others in
 * insertion order; a duplicated key keeps its first position and its last value (Jackson does the same).
 */
final class JsStringify {
  private static final double ARRAY_INDEX_LIMIT = 4_294_967_295d; // 2^32 - 1: indices are below it

  private JsStringify() {}

  static String stringify(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(out, node);
    return out.toString();
  }

  private static void write(StringBuilder out, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(out, node);
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(out, node.get(i));
        }
        out.append(']');
      }
      case STRING -> JsonText.quote(out, node.textValue());
      case NUMBER -> out.append(number(node.doubleValue()));
      case BOOLEAN -> out.append(node.booleanValue());
      default -> out.append("null");
    }
  }

  private static void writeObject(StringBuilder out, JsonNode node) {
    List<Map.Entry<String, JsonNode>> indices = new ArrayList<>();
    List<Map.Entry<String, JsonNode>> others = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      (isArrayIndex(field.getKey()) ? indices : others).add(field);
    }
    indices.sort((a, b) -> Long.compare(Long.parseLong(a.getKey()), Long.parseLong(b.getKey())));
    out.append('{');
    boolean first = true;
    for (List<Map.Entry<String, JsonNode>> group : List.of(indices, others)) {
      for (Map.Entry<String, JsonNode> field : group) {
        if (!first) {
          out.append(',');
        }
        first = false;
        JsonText.quote(out, field.getKey());
        out.append(':');
        write(out, field.getValue());
      }
    }
    out.append('}');
  }

  /** A canonical decimal integer below 2^32 - 1, which JavaScript orders before other keys. */
  static boolean isArrayIndex(String key) {
    if (key.isEmpty() || key.length() > 10 || (key.length() > 1 && key.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) < '0' || key.charAt(i) > '9') {
        return false;
      }
    }
    return Long.parseLong(key) < ARRAY_INDEX_LIMIT;
  }

  /** Number::toString for the values JSON can carry (finite doubles). */
  static String number(double value) {
    if (value == 0) {
      return "0";
    }
    if (value == Math.rint(value) && Math.abs(value) < 9.007199254740992E15) {
      return Long.toString((long) value);
    }
    BigDecimal exact = shortest(value);
    double magnitude = Math.abs(value);
    if (magnitude >= 1e-6 && magnitude < 1e21) {
      return exact.toPlainString();
    }
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (value < 0 ? "-" : "") + mantissa + "e" + (exponent >= 0 ? "+" : "") + exponent;
  }

  /** The fewest significant digits that read back as {@code value} (ECMAScript's rule; Java 17's toString is not always shortest). */
  private static BigDecimal shortest(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == value) {
        return rounded.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }
}
