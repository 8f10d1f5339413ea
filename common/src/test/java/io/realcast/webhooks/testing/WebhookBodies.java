package io.realcast.webhooks.testing;

import io.realcast.webhooks.event.ChatMessageNew;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.event.SampleEvents;
import io.realcast.webhooks.event.StreamError;
import io.realcast.webhooks.event.StreamLivePayload;
import io.realcast.webhooks.event.WebhookEvent;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.EventId;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Webhook bodies worth proving things about: one sample per event type, and bodies carrying each
 * {@link AdversarialStrings adversarial string} in a title, a user name, a chat message and an error
 * message, including lone surrogates that arrive as JSON escapes in a raw event. Keyed by a name.
 */
public final class WebhookBodies {
  private WebhookBodies() {}

  public static Map<String, byte[]> samples() {
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    for (WebhookEventType type : WebhookEventType.values()) {
      bodies.put("sample " + type, new WebhookEvent(EventId.of("evt_sample"), TestEvents.T0, SampleEvents.payload(type, TestEvents.T0)).body());
    }
    return bodies;
  }

  public static Map<String, byte[]> adversarial() {
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    EventId id = EventId.of("evt_adversarial");
    AdversarialStrings.all().forEach((name, s) -> {
      bodies.put("title: " + name, new WebhookEvent(id, TestEvents.T0,
          new StreamLivePayload(TestEvents.STREAM, TestEvents.APP.value(), s, "user_123", TestEvents.T0)).body());
      bodies.put("chat: " + name, new WebhookEvent(id, TestEvents.T0,
          new ChatMessageNew(TestEvents.STREAM, "msg_1", "user_1", s, s, TestEvents.T0)).body());
      if (s.length() < 10_000) {
        bodies.put("error message: " + name, new WebhookEvent(id, TestEvents.T0, new StreamError(TestEvents.STREAM, "E", s)).body());
      }
    });
    bodies.putAll(fromRawEscapes());
    return bodies;
  }

  public static Map<String, byte[]> all() {
    Map<String, byte[]> all = new LinkedHashMap<>(samples());
    all.putAll(adversarial());
    return all;
  }

  /** Chat messages whose text came in as raw-event JSON escapes, through the parser, into a webhook body. */
  static Map<String, byte[]> fromRawEscapes() {
    Map<String, String> escaped = new LinkedHashMap<>();
    escaped.put("escaped lone high surrogate", "\\ud800");
    escaped.put("escaped lone low surrogate", "\\udc00");
    escaped.put("escaped reversed pair", "\\udc00\\ud800");
    escaped.put("escaped valid pair", "\\ud83c\\udfae");
    escaped.put("escaped NUL and controls", "\\u0000\\u001f\\u007f");
    escaped.put("escaped separators", "\\u2028\\u2029");
    escaped.put("escaped slash and script", "<\\/script>");
    escaped.put("escaped uppercase hex", "\\u00E9\\uD800");
    RawEventParser parser = new RawEventParser();
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    escaped.forEach((name, escapes) -> {
      String raw = new String(TestEvents.event().id("evt_raw").chat("NAME", "TEXT").toJson(), StandardCharsets.UTF_8)
          .replace("NAME", escapes).replace("TEXT", "says " + escapes);
      ChatMessageNew chat = (ChatMessageNew) parser.parse(raw.getBytes(StandardCharsets.UTF_8)).data();
      bodies.put("raw " + name, new WebhookEvent(EventId.of("evt_raw"), TestEvents.T0, chat).body());
    });
    return bodies;
  }
}
