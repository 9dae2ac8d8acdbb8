package dev.schemagate.webhook.http;

import dev.schemagate.webhook.WebhookConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Answers 408 and closes the connection when a request's body has not fully arrived within {@code
 * schemagate.body-timeout}. {@code quarkus.http.read-timeout} only applies to blocking reads and
 * the idle timeout is far longer, so without this a client that announces a body and stops sending
 * would hold a connection (and its buffer) until the idle timeout. The default, 30 s, is the API
 * server's longest webhook timeout: a body still arriving then has no caller left. The clock starts
 * when the headers are handled, so it also counts time the request waited for a busy event loop.
 */
@ApplicationScoped
public class BodyTimeout {

  private static final Logger LOG = Logger.getLogger(BodyTimeout.class);

  @Inject WebhookConfig config;

  void register(@Observes Filters filters) {
    long millis = config.bodyTimeout().toMillis();
    filters.register(
        rc -> {
          HttpServerRequest request = rc.request();
          if (!request.isEnded()) {
            long timer =
                rc.vertx()
                    .setTimer(
                        millis,
                        id -> {
                          if (!request.isEnded() && !rc.response().ended()) {
                            LOG.debugf(
                                "request body not complete after %d ms from %s",
                                millis, request.remoteAddress());
                            var response =
                                rc.response()
                                    .setStatusCode(408)
                                    .putHeader("Content-Type", "text/plain");
                            String text = "request body not received within " + millis + " ms\n";
                            if (request.version() == HttpVersion.HTTP_2) {
                              // Only this stream ends: closing the connection would GOAWAY every
                              // other request on it.
                              response.end(text);
                            } else {
                              // HTTP/1.x: the rest of the body would be read as the next request,
                              // so the connection goes.
                              response
                                  .putHeader("Connection", "close")
                                  .end(text)
                                  .onComplete(done -> request.connection().close());
                            }
                          }
                        });
            rc.addEndHandler(done -> rc.vertx().cancelTimer(timer));
          }
          rc.next();
        },
        1000);
  }
}
