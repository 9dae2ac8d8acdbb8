package dev.schemagate.webhook.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code quarkus.http.limits.max-body-size} over HTTP/2, the protocol the API server calls webhooks
 * with. Quarkus answers an announced oversized body with 413 and {@code Connection: close}, a
 * header HTTP/2 forbids: the client got a stream reset and the whole connection went away (GOAWAY),
 * with every other review on it. Here an HTTP/2 request whose {@code content-length} is above the
 * limit gets 413 on its own stream at once, from its headers; what it still sends of the body is
 * dropped as it arrives (Vert.x 4 does not reset a stream whose response has ended, which RFC 9113
 * 8.1 would allow), and the connection stays. HTTP/1.1 keeps Quarkus's handling (413, then the
 * connection closes: the unread body would be taken for the next request).
 */
@ApplicationScoped
public class Http2BodyLimit {

  /** Before BodyTimeout (1000) and before Quarkus's own limit handler. */
  static final int PRIORITY = 2000;

  @ConfigProperty(name = "quarkus.http.limits.max-body-size")
  MemorySize maxBodySize;

  void register(@Observes Filters filters) {
    long limit = maxBodySize.asLongValue();
    filters.register(
        rc -> {
          HttpServerRequest request = rc.request();
          if (request.version() == HttpVersion.HTTP_2) {
            long announced = contentLength(request.getHeader("content-length"));
            if (announced > limit) {
              // The body that still arrives is dropped as it comes (never buffered), so the
              // stream's
              // flow-control window keeps opening and the client can finish and read the answer.
              request.handler(ignored -> {});
              request.resume();
              rc.response()
                  .setStatusCode(413)
                  .putHeader("Content-Type", "text/plain")
                  .end(
                      "request body of "
                          + announced
                          + " bytes is above the limit of "
                          + limit
                          + " bytes\n");
              return;
            }
          }
          rc.next();
        },
        PRIORITY);
  }

  private static long contentLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1; // the server's own parsing answers a malformed length
    }
  }
}
