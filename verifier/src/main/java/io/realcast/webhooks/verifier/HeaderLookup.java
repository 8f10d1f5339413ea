package io.realcast.webhooks.verifier;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one request header by name, whatever the server's header type: {@code exchange.getRequestHeaders()::getFirst}
 * for the JDK's {@code HttpServer}, {@code request::getHeader} for a servlet, or {@link #of(Map)}.
 */
@FunctionalInterface
public interface HeaderLookup {
  /** The header's (first) value, or null when the request has none. Names are compared case-insensitively. */
  String get(String name);

  /** Headers as a map of single values or of value lists; names are matched case-insensitively. */
  static HeaderLookup of(Map<String, ?> headers) {
    Map<String, Object> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    return name -> {
      Object value = byName.get(name);
      if (value instanceof List<?> values) {
        return values.isEmpty() ? null : String.valueOf(values.get(0));
      }
      return value == null ? null : value.toString();
    };
  }
}
