package io.realcast.webhooks.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strings a user can type into a stream title, a chat message or a user name that a JSON writer can get
 * wrong: quotes, backslashes, every control character, DEL, non-BMP characters, lone surrogates,
 * U+2028/U+2029, HTML-looking text, huge and empty strings. Keyed by a name for test reports.
 */
public final class AdversarialStrings {
  private AdversarialStrings() {}

  public static Map<String, String> all() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("empty", "");
    all.put("quotes", "say \"hi\" and 'bye'");
    all.put("backslashes", "C:\\path\\to\\file \\\\ \\u0041 \\n");
    all.put("every control char", allControlChars());
    for (char c = 0; c < 0x20; c++) {
      all.put(String.format("control U+%04X", (int) c), "a" + c + "b");
    }
    all.put("DEL", "before\u007fafter");
    all.put("C1 controls", "\u0080\u0085\u009f");
    all.put("emoji", "GG \uD83C\uDFAE\uD83D\uDD25 \uD83D\uDC4D\uD83C\uDFFD");
    all.put("family ZWJ", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67");
    all.put("non-BMP CJK and math", "\uD840\uDC0B \uD835\uDD38\uD835\uDD39");
    all.put("max code point", new String(Character.toChars(0x10FFFF)));
    all.put("lone high surrogate", "x\uD800y");
    all.put("lone low surrogate", "x\uDC00y");
    all.put("lone high surrogate at end", "end\uDBFF");
    all.put("lone low surrogate at start", "\uDFFFstart");
    all.put("reversed surrogate pair", "\uDC00\uD800");
    all.put("line and paragraph separators", "a\u2028b\u2029c");
    all.put("script close", "</script><script>alert(1)</script>");
    all.put("html comment", "<!-- comment -->");
    all.put("ampersand and angle brackets", "a & b < c > d");
    all.put("BOM and zero-width", "\uFEFFzero\u200Bwidth");
    all.put("right-to-left", "\u202Eevil\u202C \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627");
    all.put("combining marks", "Z\u0351\u036B\u0343\u036A\u0302\u036B\u033D\u034F\u0334\u0319");
    all.put("latin-1 and accents", "caf\u00e9 na\u00efve \u00ff \u00df");
    all.put("noncharacters", "\uFFFE\uFFFF\uFDD0");
    all.put("json lookalike", "{\"event\":\"stream.live\"}");
    all.put("long 100 KB", "x\u00e9\uD83C\uDFAE\"\\\n".repeat(100 * 1024 / 9));
    return all;
  }

  /** Every character from U+0000 to U+001F, then DEL. */
  public static String allControlChars() {
    StringBuilder s = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      s.append(c);
    }
    return s.append('\u007f').toString();
  }

  /** The values of {@link #all()} without the huge one, for tests that multiply them. */
  public static List<String> small() {
    List<String> small = new ArrayList<>();
    all().forEach((name, value) -> {
      if (value.length() < 10_000) {
        small.add(value);
      }
    });
    return small;
  }
}
