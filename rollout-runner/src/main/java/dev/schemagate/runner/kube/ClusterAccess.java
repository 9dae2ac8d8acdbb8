package dev.schemagate.runner.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * How the runner reaches the Kubernetes API (contract gate, SchemaState publication).
 *
 * <p>The kubeconfig is, in order: the configured file, the first file of {@code $KUBECONFIG},
 * {@code ~/.kube/config}, and inside a pod the service account. Unlike fabric8's
 * auto-configuration, a missing kubeconfig is not silently replaced by {@code
 * https://kubernetes.default.svc}: it is reported as {@link ClusterUnavailableException}, so a
 * runner outside any cluster fails fast with a reason instead of timing out.
 */
public final class ClusterAccess {

  static final Path SERVICE_ACCOUNT_TOKEN =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  private final Optional<Path> kubeconfig;
  private final Optional<String> context;
  private final Duration timeout;
  private final Map<String, String> env;
  private final Path home;

  /**
   * @param kubeconfig a kubeconfig file; empty: {@code $KUBECONFIG}, {@code ~/.kube/config},
   *     in-cluster
   * @param context the kubeconfig context; empty: the file's current context
   * @param timeout connection and request timeout of each API call
   */
  public ClusterAccess(Optional<Path> kubeconfig, Optional<String> context, Duration timeout) {
    this(kubeconfig, context, timeout, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** With an explicit environment and home directory, so the fallbacks can be tested. */
  public ClusterAccess(
      Optional<Path> kubeconfig,
      Optional<String> context,
      Duration timeout,
      Map<String, String> env,
      Path home) {
    this.kubeconfig = kubeconfig;
    this.context = context;
    this.timeout = timeout;
    this.env = env;
    this.home = home;
  }

  /** A client for the resolved cluster; the caller closes it. */
  public KubernetesClient connect() throws ClusterUnavailableException {
    Config config = config();
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    config.setConnectionTimeout(millis);
    config.setRequestTimeout(millis);
    // fabric8 retries failed requests up to 10 times with exponential backoff by default: minutes
    // of waiting before a gate could report an unreachable API server.
    config.setRequestRetryBackoffLimit(1);
    config.setRequestRetryBackoffInterval(200);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * Where the client connects, for messages: the kubeconfig used or "in-cluster service account".
   */
  public String describe() {
    try {
      return source().map(Path::toString).orElse("in-cluster service account");
    } catch (ClusterUnavailableException e) {
      return "no cluster configured";
    }
  }

  private Config config() throws ClusterUnavailableException {
    Optional<Path> file = source();
    if (file.isEmpty()) {
      return Config.autoConfigure(context.orElse(null));
    }
    try {
      return Config.fromKubeconfig(context.orElse(null), file.get().toFile());
    } catch (KubernetesClientException | IllegalArgumentException e) {
      throw new ClusterUnavailableException(
          "cannot use kubeconfig " + file.get() + ": " + rootMessage(e), e);
    }
  }

  /** The kubeconfig file to use; empty means in-cluster. */
  private Optional<Path> source() throws ClusterUnavailableException {
    if (kubeconfig.isPresent()) {
      Path p = kubeconfig.get();
      if (!Files.isReadable(p)) {
        throw new ClusterUnavailableException(
            "kubeconfig " + p + " does not exist or is not readable", null);
      }
      return kubeconfig;
    }
    String fromEnv = env.get("KUBECONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      for (String part : fromEnv.split(File.pathSeparator)) {
        if (!part.isBlank() && Files.isReadable(Path.of(part))) {
          return Optional.of(Path.of(part));
        }
      }
      throw new ClusterUnavailableException("$KUBECONFIG names no readable file: " + fromEnv, null);
    }
    Path dotKube = home.resolve(".kube").resolve("config");
    if (Files.isReadable(dotKube)) {
      return Optional.of(dotKube);
    }
    if (env.containsKey("KUBERNETES_SERVICE_HOST") && Files.isReadable(SERVICE_ACCOUNT_TOKEN)) {
      return Optional.empty();
    }
    throw new ClusterUnavailableException(
        "no cluster access: no kubeconfig (rollout.contract_gate.kubeconfig, $KUBECONFIG, "
            + dotKube
            + ") and not running in a pod with a service account",
        null);
  }

  /**
   * A one-line explanation of a failed API call: forbidden, unreachable, timeout, or the API
   * server's own status message.
   */
  public static String explain(KubernetesClientException e) {
    int code = e.getCode();
    if (code == 401) {
      return "unauthorized (401): the credentials of the kubeconfig were rejected";
    }
    if (code == 403) {
      String message =
          e.getStatus() != null && e.getStatus().getMessage() != null
              ? e.getStatus().getMessage()
              : rootMessage(e);
      return "forbidden (403): " + message;
    }
    if (code > 0) {
      String message =
          e.getStatus() != null && e.getStatus().getMessage() != null
              ? e.getStatus().getMessage()
              : rootMessage(e);
      return "API server answered " + code + ": " + message;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException) {
        return "API server unreachable: " + t.getMessage();
      }
      if (t instanceof SocketTimeoutException
          || t instanceof java.util.concurrent.TimeoutException) {
        return "API server did not answer in time: " + t.getMessage();
      }
      if (t instanceof SSLException) {
        return "TLS handshake with the API server failed: " + t.getMessage();
      }
    }
    return "API server unreachable: " + rootMessage(e);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
