package io.realcast.webhooks.api.http;

import io.realcast.webhooks.api.auth.Caller;
import io.vertx.ext.web.RoutingContext;

/** One operation of the API: runs on a worker thread (it may wait for Kafka) and returns its reply. */
@FunctionalInterface
public interface Endpoint {
  Reply handle(RoutingContext ctx, Caller caller);
}
