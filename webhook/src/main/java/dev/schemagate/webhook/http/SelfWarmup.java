package dev.schemagate.webhook.http;

import dev.schemagate.webhook.WebhookConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpsServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Before the webhook reports ready it sends itself {@code schemagate.warmup-reviews}
 * AdmissionReviews over its own HTTPS listener, the way the API server will (HTTP/2 over TLS), to
 * {@code /allow}, which parses and answers a review like {@code /validate} but decides nothing and
 * counts nothing. A cold JVM answered its first seconds at 1000 reviews/s with a p99 of 1.5 s and a
 * maximum of 2.7 s, nearly all of it in TLS, HTTP/2, the REST layer and JSON (docs/webhook.md); the
 * API server sends nothing to a pod that is not ready, so the warm-up costs a rollout a few seconds
 * instead of costing admissions their latency.
 *
 * <p>It never keeps the webhook from becoming ready: a warm-up that fails or takes longer than
 * {@code schemagate.warmup-timeout} is logged and given up.
 */
@ApplicationScoped
public class SelfWarmup {
  private static final Logger LOG = Logger.getLogger(SelfWarmup.class);
  private static final int LANES = 8;

  @Inject Vertx vertx;
  @Inject WebhookConfig config;

  private final CompletableFuture<Result> finished = new CompletableFuture<>();
  private final AtomicReference<Reviews> running = new AtomicReference<>();

  /** What the warm-up did: reviews answered, failures, wall time, and how it ended. */
  public record Result(int answered, int failed, long millis, String note) {}

  // One bound for the whole warm-up, from the start of the application: readiness never waits
  // longer, whether the reviews are slow or the HTTPS listener's start is never announced.
  void onStart(@Observes StartupEvent event) {
    if (config.warmupReviews() > 0 && tlsConfigured()) {
      vertx.setTimer(
          Math.max(1, config.warmupTimeout().toMillis()),
          id -> {
            Reviews r = running.get();
            if (r == null) {
              finish(new Result(0, 0, 0, "skipped: the HTTPS listener's start was not seen"));
            } else {
              r.end("gave up after " + config.warmupTimeout().toSeconds() + " s");
            }
          });
    }
  }

  // Quarkus fires this with fireAsync, once the HTTPS listener is bound.
  void onHttps(@ObservesAsync HttpsServerStart event) {
    try {
      start(event.options().getPort());
    } catch (RuntimeException e) {
      finish(new Result(0, 0, 0, "failed to start: " + e));
    }
  }

  /**
   * Whether the warm-up is over: done, given up, switched off, or not needed (without TLS there is
   * no listener the API server could call: it sends admission reviews over HTTPS only).
   */
  public boolean done() {
    return config.warmupReviews() == 0 || !tlsConfigured() || finished.isDone();
  }

  /**
   * Completes with the outcome when a warm-up ends (never when there is none to do, see {@link
   * #done}).
   */
  public CompletionStage<Result> ended() {
    return finished.minimalCompletionStage();
  }

  /** The warm-up's outcome once it is over. */
  public Result result() {
    String note =
        config.warmupReviews() == 0
            ? "off"
            : !tlsConfigured() ? "none: no HTTPS listener" : "running";
    return finished.getNow(new Result(0, 0, 0, note));
  }

  private void start(int port) {
    if (config.warmupReviews() <= 0 || running.get() != null) {
      return;
    }
    Path cert = Path.of(config.tlsDir(), "tls.crt");
    if (!Files.isReadable(cert)) {
      finish(new Result(0, 0, 0, "skipped: " + cert + " is not readable"));
      return;
    }
    // The certificate names the Service, not 127.0.0.1: trust exactly it, without the host check.
    HttpClientOptions options =
        new HttpClientOptions()
            .setDefaultHost("127.0.0.1")
            .setDefaultPort(port)
            .setProtocolVersion(HttpVersion.HTTP_2)
            .setSsl(true)
            .setUseAlpn(true)
            .setVerifyHost(false)
            .setTrustOptions(new PemTrustOptions().addCertPath(cert.toString()));
    Reviews reviews = new Reviews(vertx.createHttpClient(options), config.warmupReviews());
    if (running.compareAndSet(
        null, reviews)) { // the listener may be announced by several verticles
      for (int i = 0; i < LANES; i++) {
        reviews.next();
      }
    } else {
      reviews.client.close();
    }
  }

  /**
   * {@code total} reviews sent on {@link #LANES} lanes, each sending its next when its last is
   * answered.
   */
  private final class Reviews {
    final HttpClient client;
    final int total;
    final byte[] body = review().getBytes(StandardCharsets.UTF_8);
    final long t0 = System.nanoTime();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger answered = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger lanes = new AtomicInteger(LANES);

    Reviews(HttpClient client, int total) {
      this.client = client;
      this.total = total;
    }

    void next() {
      if (sent.getAndIncrement() >= total || finished.isDone()) {
        if (lanes.decrementAndGet() == 0) {
          end("https");
        }
        return;
      }
      client
          .request(
              new RequestOptions()
                  .setMethod(HttpMethod.POST)
                  .setURI("/allow")
                  .putHeader("content-type", "application/json"))
          .compose(req -> req.send(Buffer.buffer(body)))
          .compose(resp -> resp.body().map(b -> resp.statusCode()))
          .onComplete(
              ar -> {
                if (ar.succeeded() && ar.result() == 200) {
                  answered.incrementAndGet();
                } else if (failed.incrementAndGet() == 1) {
                  LOG.warnf(
                      "warm-up review failed: %s",
                      ar.succeeded() ? "HTTP " + ar.result() : ar.cause());
                }
                next();
              });
    }

    void end(String note) {
      client.close();
      finish(new Result(answered.get(), failed.get(), (System.nanoTime() - t0) / 1_000_000, note));
    }
  }

  private void finish(Result r) {
    if (finished.complete(r)) {
      LOG.infof(
          "warm-up: %d reviews answered, %d failed, in %d ms (%s)",
          r.answered(), r.failed(), r.millis(), r.note());
    }
  }

  private static boolean tlsConfigured() {
    return ConfigProvider.getConfig()
        .getOptionalValue("quarkus.tls.key-store.pem.0.cert", String.class)
        .isPresent();
  }

  /** A Deployment's CREATE review with a schema requirement: what the webhook mostly sees. */
  private static String review() {
    return """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "00000000-0000-4000-8000-00000000warm",
          "kind": {"group": "apps", "version": "v1", "kind": "Deployment"},
          "resource": {"group": "apps", "version": "v1", "resource": "deployments"},
          "name": "warm-up", "namespace": "warm-up", "operation": "CREATE",
          "userInfo": {"username": "schemagate-warm-up"},
          "object": {"apiVersion": "apps/v1", "kind": "Deployment",
           "metadata": {"name": "warm-up", "namespace": "warm-up"},
           "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "warm-up"}},
            "template": {"metadata": {"labels": {"app": "warm-up"},
              "annotations": {"schemagate.dev/requires": "orders@3"}},
             "spec": {"containers": [{"name": "app", "image": "registry.example/warm-up:1",
              "ports": [{"containerPort": 8080}],
              "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}}]}}}},
          "dryRun": false}}
        """;
  }
}
