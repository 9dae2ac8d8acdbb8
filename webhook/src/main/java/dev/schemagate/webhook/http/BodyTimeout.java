package dev.schemagate.webhook.http;

import dev.schemagate.webhook.WebhookConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Answers 408 and closes the connection when a request's body has not fully arrived within
 * {@code schemagate.body-timeout}. {@code quarkus.http.read-timeout} only applies to blocking reads
 * and the idle timeout is far longer, so without this a client that announces a body and stops
 * sending would hold a connection (and its buffer) until the idle timeout.
 */
@ApplicationScoped
public class BodyTimeout {

  private static final Logger LOG = Logger.getLogger(BodyTimeout.class);

  @Inject WebhookConfig config;

  void register(@Observes Filters filters) {
    long millis = config.bodyTimeout().toMillis();
    filters.register(rc -> {
      HttpServerRequest request = rc.request();
      if (!request.isEnded()) {
        long timer = rc.vertx().setTimer(millis, id -> {
          if (!request.isEnded() && !rc.response().ended()) {
            LOG.debugf("request body not complete after %d ms; closing %s", millis, request.remoteAddress());
            rc.response().setStatusCode(408).putHeader("Connection", "close").putHeader("Content-Type", "text/plain")
                .end("request body not received within " + millis + " ms\n")
                .onComplete(done -> request.connection().close());
          }
        });
        rc.addEndHandler(done -> rc.vertx().cancelTimer(timer));
      }
      rc.next();
    }, 1000);
  }
}
