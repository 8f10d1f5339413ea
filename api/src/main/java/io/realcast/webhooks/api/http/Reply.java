package io.realcast.webhooks.api.http;

import com.fasterxml.jackson.databind.JsonNode;

/** What an endpoint answers: a status and a JSON body (null for 204). */
public record Reply(int status, JsonNode body) {
  public static Reply ok(JsonNode body) {
    return new Reply(200, body);
  }

  public static Reply created(JsonNode body) {
    return new Reply(201, body);
  }

  public static Reply accepted(JsonNode body) {
    return new Reply(202, body);
  }

  public static Reply noContent() {
    return new Reply(204, null);
  }
}
