package io.realcast.webhooks.api.http;

import io.vertx.ext.web.RoutingContext;

/** The request body as bytes (already capped by the body handler). */
final class Bodies {
  private Bodies() {}

  static byte[] of(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
  }
}
