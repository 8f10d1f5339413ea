package io.realcast.webhooks.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.event.InvalidReason;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.event.RawEventType;
import io.realcast.webhooks.json.Json;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A corpus of raw events that break the raw event contract (producer/README.md), each with the {@link InvalidReason} and field that
 * {@link io.realcast.webhooks.event.RawEventParser} must report: for the parser's table test and for
 * router and fault tests that feed them to {@code realcast.events}. Each case breaks one thing only.
 */
public final class BadRawEvents {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * @param field the JSON path of the offending field ({@code data.viewer_id}), or null for the whole input
   */
  public record BadRawEvent(String name, byte[] bytes, InvalidReason reason, String field) {
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The same input, expected to be reported at another field. */
    public BadRawEvent withField(String otherField) {
      return new BadRawEvent(name, bytes, reason, otherField);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The data fields of each raw type, in the order producers send them (producer/README.md). */
  public static final Map<RawEventType, List<String>> DATA_FIELDS = Map.of(
      RawEventType.STREAM_LIVE, List.of("stream_id", "title", "streamer_id", "started_at"),
      RawEventType.STREAM_OFFLINE, List.of("stream_id", "ended_at"),
      RawEventType.STREAM_ERROR, List.of("stream_id", "error_code", "error_message"),
      RawEventType.VIEWER_JOINED, List.of("stream_id", "viewer_id"),
      RawEventType.VIEWER_LEFT, List.of("stream_id", "viewer_id"),
      RawEventType.RECORDING_STARTED, List.of("recording_id", "stream_id"),
      RawEventType.RECORDING_READY, List.of("recording_id", "stream_id", "cdn_url", "duration", "file_size"),
      RawEventType.CHAT_MESSAGE_NEW, List.of("stream_id", "message_id", "user_id", "user_name", "message", "created_at"));

  private BadRawEvents() {}

  /** Every case; names are unique. */
  public static List<BadRawEvent> all() {
    List<BadRawEvent> all = new ArrayList<>();
    all.addAll(malformed());
    all.addAll(notObjects());
    all.addAll(envelope());
    all.addAll(missingDataFields());
    all.addAll(dataValues());
    all.add(tooLarge());
    return all;
  }

  /** A valid event of {@code type} as a mutable JSON tree. */
  public static ObjectNode validTree(RawEventType type) {
    return (ObjectNode) Json.readTree(TestEvents.event().id("evt_bad1").ofType(type).toJson());
  }

  static List<BadRawEvent> malformed() {
    String live = text(validTree(RawEventType.STREAM_LIVE));
    byte[] liveBytes = live.getBytes(StandardCharsets.UTF_8);
    List<BadRawEvent> cases = new ArrayList<>(List.of(
        malformed("empty input", new byte[0]),
        malformed("whitespace only", " \n\t ".getBytes(StandardCharsets.UTF_8)),
        malformed("truncated object", live.substring(0, live.length() / 2)),
        malformed("just an opening brace", "{"),
        malformed("trailing comma", live.substring(0, live.length() - 2) + ",}}"),
        malformed("single-quoted strings", live.replace('"', '\'')),
        malformed("unquoted keys", live.replace("\"id\":", "id:")),
        malformed("trailing garbage", live + " x"),
        malformed("two objects back to back", live + live),
        malformed("NaN as a number", text(validTree(RawEventType.RECORDING_READY)).replace("3600", "NaN")),
        malformed("Infinity as a number", text(validTree(RawEventType.RECORDING_READY)).replace("3600", "Infinity")),
        malformed("comment", "/* event */" + live),
        malformed("leading zero number", text(validTree(RawEventType.RECORDING_READY)).replace("3600", "03600")),
        malformed("invalid UTF-8 byte 0xFF", splice(liveBytes, "Epic", new byte[] {(byte) 0xFF})),
        malformed("truncated UTF-8 sequence", splice(liveBytes, "Epic", new byte[] {(byte) 0xC3})),
        malformed("UTF-8 continuation byte alone", splice(liveBytes, "Epic", new byte[] {(byte) 0x80})),
        malformed("raw NUL byte inside a string", splice(liveBytes, "Epic", new byte[] {0})),
        malformed("raw NUL byte after the object", concat(liveBytes, new byte[] {0})),
        malformed("raw newline inside a string", live.replace("Epic Gaming", "Epic\nGaming")),
        malformed("raw tab inside a string", live.replace("Epic Gaming", "Epic\tGaming")),
        malformed("UTF-16 encoded JSON", live.getBytes(StandardCharsets.UTF_16BE)),
        malformed("duplicated top-level key", live.replace("{\"id\":\"evt_bad1\",", "{\"id\":\"evt_bad1\",\"id\":\"evt_bad2\",")),
        malformed("duplicated data key", live.replace("\"title\":", "\"title\":\"a\",\"title\":")),
        malformed("deep nesting in an extra field", live.replace("{\"id\"", "{\"extra\":" + "[".repeat(100) + "]".repeat(100) + ",\"id\"")),
        malformed("deep nesting as the whole input", "[".repeat(10_000) + "]".repeat(10_000)),
        malformed("bad escape sequence", live.replace("Epic", "Ep\\xic")),
        malformed("truncated unicode escape", live.replace("Epic", "Ep\\u12"))));
    return cases;
  }

  static List<BadRawEvent> notObjects() {
    return List.of(
        whole("null literal", "null", InvalidReason.NOT_AN_OBJECT),
        whole("empty array", "[]", InvalidReason.NOT_AN_OBJECT),
        whole("array holding a valid event", "[" + text(validTree(RawEventType.STREAM_LIVE)) + "]", InvalidReason.NOT_AN_OBJECT),
        whole("string", "\"stream.live\"", InvalidReason.NOT_AN_OBJECT),
        whole("number", "42", InvalidReason.NOT_AN_OBJECT),
        whole("boolean", "true", InvalidReason.NOT_AN_OBJECT));
  }

  static List<BadRawEvent> envelope() {
    List<BadRawEvent> cases = new ArrayList<>();
    for (String field : List.of("id", "type", "app_id", "occurred_at", "data")) {
      cases.add(without("envelope without " + field, RawEventType.STREAM_LIVE, field, InvalidReason.MISSING_FIELD));
      cases.add(with("envelope " + field + " null", RawEventType.STREAM_LIVE, field, NODES.nullNode(), InvalidReason.MISSING_FIELD));
    }
    cases.add(with("id is a number", RawEventType.VIEWER_JOINED, "id", NODES.numberNode(12345), InvalidReason.WRONG_TYPE));
    cases.add(with("type is a number", RawEventType.VIEWER_JOINED, "type", NODES.numberNode(1), InvalidReason.WRONG_TYPE));
    cases.add(with("type is an object", RawEventType.VIEWER_JOINED, "type", NODES.objectNode(), InvalidReason.WRONG_TYPE));
    cases.add(with("app_id is an array", RawEventType.VIEWER_JOINED, "app_id", NODES.arrayNode().add("app_x"), InvalidReason.WRONG_TYPE));
    cases.add(with("data is a string", RawEventType.VIEWER_JOINED, "data", NODES.textNode("{}"), InvalidReason.WRONG_TYPE));
    cases.add(with("data is an array", RawEventType.VIEWER_JOINED, "data", NODES.arrayNode(), InvalidReason.WRONG_TYPE));
    for (String type : List.of("stream.paused", "viewer.count.update", "Stream.Live", "stream.live ", "stream.live\u0000", "")) {
      cases.add(with("unknown type " + Json.MAPPER.valueToTree(type), RawEventType.STREAM_LIVE, "type", NODES.textNode(type),
          InvalidReason.UNKNOWN_TYPE));
    }
    Map<String, String> badIds = Map.of(
        "no prefix", "abc123", "another prefix", "msg_123", "prefix only", "evt_", "a space", "evt_a b",
        "an escaped NUL", "evt_a\u0000", "65 characters after the prefix", "evt_" + "a".repeat(65), "blank", "   ");
    badIds.forEach((what, value) ->
        cases.add(with("id with " + what, RawEventType.VIEWER_LEFT, "id", NODES.textNode(value), InvalidReason.INVALID_VALUE)));
    cases.add(with("app_id without prefix", RawEventType.VIEWER_LEFT, "app_id", NODES.textNode("xyz789"), InvalidReason.INVALID_VALUE));
    cases.add(with("app_id with an event prefix", RawEventType.VIEWER_LEFT, "app_id", NODES.textNode("evt_xyz789"), InvalidReason.INVALID_VALUE));
    cases.add(with("app_id empty", RawEventType.VIEWER_LEFT, "app_id", NODES.textNode(""), InvalidReason.INVALID_VALUE));
    Map<String, String> badTimes = Map.of(
        "a word", "yesterday", "no offset", "2024-12-09T10:00:00", "a date only", "2024-12-09",
        "month 13", "2024-13-09T10:00:00Z", "February 30", "2024-02-30T10:00:00Z", "a space for T", "2024-12-09 10:00:00Z",
        "empty", "", "epoch seconds as text", "1733738400");
    badTimes.forEach((what, value) -> cases.add(with("occurred_at " + what, RawEventType.STREAM_OFFLINE, "occurred_at",
        NODES.textNode(value), InvalidReason.INVALID_VALUE)));
    cases.add(with("occurred_at epoch seconds as a number", RawEventType.STREAM_OFFLINE, "occurred_at",
        NODES.numberNode(1_733_738_400L), InvalidReason.WRONG_TYPE));
    return cases;
  }

  static List<BadRawEvent> missingDataFields() {
    List<BadRawEvent> cases = new ArrayList<>();
    for (RawEventType type : RawEventType.values()) {
      for (String field : DATA_FIELDS.get(type)) {
        cases.add(without(type + " without data." + field, type, "data." + field, InvalidReason.MISSING_FIELD));
      }
      String first = DATA_FIELDS.get(type).get(0);
      cases.add(with(type + " with data." + first + " null", type, "data." + first, NODES.nullNode(), InvalidReason.MISSING_FIELD));
      cases.add(with(type + " with empty data", type, "data", NODES.objectNode(), InvalidReason.MISSING_FIELD)
          .withField("data." + first));
    }
    return cases;
  }

  static List<BadRawEvent> dataValues() {
    RawEventType live = RawEventType.STREAM_LIVE;
    RawEventType ready = RawEventType.RECORDING_READY;
    RawEventType chat = RawEventType.CHAT_MESSAGE_NEW;
    BigInteger twoTo53 = BigInteger.TWO.pow(53);
    return List.of(
        with("title is a number", live, "data.title", NODES.numberNode(5), InvalidReason.WRONG_TYPE),
        with("title is an object", live, "data.title", NODES.objectNode(), InvalidReason.WRONG_TYPE),
        with("stream_id is an object", live, "data.stream_id", NODES.objectNode().put("id", "x"), InvalidReason.WRONG_TYPE),
        with("stream_id is a boolean", RawEventType.VIEWER_JOINED, "data.stream_id", NODES.booleanNode(true), InvalidReason.WRONG_TYPE),
        with("stream_id blank", live, "data.stream_id", NODES.textNode("  "), InvalidReason.INVALID_VALUE),
        with("stream_id empty", RawEventType.STREAM_ERROR, "data.stream_id", NODES.textNode(""), InvalidReason.INVALID_VALUE),
        with("stream_id with an escaped NUL", live, "data.stream_id", NODES.textNode("stream_\u0000"), InvalidReason.INVALID_VALUE),
        with("stream_id with a newline", live, "data.stream_id", NODES.textNode("stream\n1"), InvalidReason.INVALID_VALUE),
        with("stream_id of 257 characters", live, "data.stream_id", NODES.textNode("s".repeat(257)), InvalidReason.INVALID_VALUE),
        with("viewer_id blank", RawEventType.VIEWER_LEFT, "data.viewer_id", NODES.textNode(" "), InvalidReason.INVALID_VALUE),
        with("streamer_id is a number", live, "data.streamer_id", NODES.numberNode(123), InvalidReason.WRONG_TYPE),
        with("started_at not a time", live, "data.started_at", NODES.textNode("10:00"), InvalidReason.INVALID_VALUE),
        with("ended_at is a number", RawEventType.STREAM_OFFLINE, "data.ended_at", NODES.numberNode(1_733_738_400L), InvalidReason.WRONG_TYPE),
        with("error_message is an array", RawEventType.STREAM_ERROR, "data.error_message", NODES.arrayNode(), InvalidReason.WRONG_TYPE),
        with("duration as a string", ready, "data.duration", NODES.textNode("3600"), InvalidReason.WRONG_TYPE),
        with("duration negative", ready, "data.duration", NODES.numberNode(-1), InvalidReason.INVALID_VALUE),
        with("duration a fraction", ready, "data.duration", NODES.numberNode(3600.5), InvalidReason.WRONG_TYPE),
        with("duration a float with zero fraction", ready, "data.duration", NODES.numberNode(3600.0), InvalidReason.WRONG_TYPE),
        with("duration a boolean", ready, "data.duration", NODES.booleanNode(false), InvalidReason.WRONG_TYPE),
        with("file_size 2^53, beyond JavaScript's exact integers", ready, "data.file_size", NODES.numberNode(twoTo53),
            InvalidReason.INVALID_VALUE),
        with("file_size beyond a long", ready, "data.file_size", NODES.numberNode(BigInteger.TEN.pow(30)), InvalidReason.INVALID_VALUE),
        with("file_size hugely negative", ready, "data.file_size", NODES.numberNode(BigInteger.TEN.pow(30).negate()),
            InvalidReason.INVALID_VALUE),
        with("cdn_url is null", ready, "data.cdn_url", NODES.nullNode(), InvalidReason.MISSING_FIELD),
        with("message is an array", chat, "data.message", NODES.arrayNode().add("hi"), InvalidReason.WRONG_TYPE),
        with("user_name is a number", chat, "data.user_name", NODES.numberNode(7), InvalidReason.WRONG_TYPE),
        with("created_at without offset", chat, "data.created_at", NODES.textNode("2024-12-09T10:10:00"), InvalidReason.INVALID_VALUE),
        with("message_id blank", chat, "data.message_id", NODES.textNode("\t"), InvalidReason.INVALID_VALUE),
        raw("duration in exponent notation", text(validTree(ready)).replace("\"duration\":3600", "\"duration\":3.6e3"),
            InvalidReason.WRONG_TYPE, "data.duration"));
  }

  /** One byte over the default limit of {@link RawEventParser#DEFAULT_MAX_BYTES}, in an otherwise valid event. */
  static BadRawEvent tooLarge() {
    ObjectNode tree = validTree(RawEventType.CHAT_MESSAGE_NEW);
    int size = text(tree).getBytes(StandardCharsets.UTF_8).length;
    String message = "m".repeat(RawEventParser.DEFAULT_MAX_BYTES - size + "Great stream!".length() + 1);
    ((ObjectNode) tree.get("data")).put("message", message);
    return raw("one byte over 64 KiB", text(tree), InvalidReason.TOO_LARGE, null);
  }

  private static BadRawEvent malformed(String name, String text) {
    return raw(name, text, InvalidReason.MALFORMED_JSON, null);
  }

  private static BadRawEvent malformed(String name, byte[] bytes) {
    return new BadRawEvent(name, bytes, InvalidReason.MALFORMED_JSON, null);
  }

  private static BadRawEvent whole(String name, String text, InvalidReason reason) {
    return raw(name, text, reason, null);
  }

  private static BadRawEvent raw(String name, String text, InvalidReason reason, String field) {
    return new BadRawEvent(name, text.getBytes(StandardCharsets.UTF_8), reason, field);
  }

  private static BadRawEvent without(String name, RawEventType type, String path, InvalidReason reason) {
    ObjectNode tree = validTree(type);
    parentOf(tree, path).remove(leaf(path));
    return raw(name, text(tree), reason, path);
  }

  private static BadRawEvent with(String name, RawEventType type, String path, JsonNode value, InvalidReason reason) {
    ObjectNode tree = validTree(type);
    parentOf(tree, path).set(leaf(path), value);
    return raw(name, text(tree), reason, path);
  }

  private static ObjectNode parentOf(ObjectNode tree, String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? tree : (ObjectNode) tree.get(path.substring(0, dot));
  }

  private static String leaf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static String text(JsonNode tree) {
    return new String(Json.toBytes(tree), StandardCharsets.UTF_8);
  }

  private static byte[] splice(byte[] bytes, String before, byte[] insert) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int at = text.substring(0, text.indexOf(before)).getBytes(StandardCharsets.UTF_8).length;
    return concat(Arrays.copyOfRange(bytes, 0, at), insert, Arrays.copyOfRange(bytes, at, bytes.length));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
