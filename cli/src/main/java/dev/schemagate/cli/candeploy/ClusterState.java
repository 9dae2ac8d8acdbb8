package dev.schemagate.cli.candeploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.contract.state.SchemaState;
import dev.schemagate.contract.state.SchemaStates;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Lists the {@code SchemaState} objects of a cluster (docs/state.md) and reads them with the
 * webhook's own rules ({@link SchemaStates#read}): the narrower window when a track is published
 * twice, no window for an unknown track.
 */
final class ClusterState implements StateSource {

  static final String API_VERSION = SchemaState.API_VERSION;
  static final String KIND = SchemaState.KIND;

  private final Path kubeconfig;
  private final String context;

  ClusterState(Path kubeconfig, String context) {
    this.kubeconfig = kubeconfig;
    this.context = context;
  }

  @Override
  public State read() {
    String contents;
    try {
      contents = Files.readString(kubeconfig, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadInput("--kubeconfig " + kubeconfig + ": cannot read: " + e.getMessage(), e);
    }
    Config config;
    try {
      config = Config.fromKubeconfig(context, contents, kubeconfig.toAbsolutePath().toString());
    } catch (RuntimeException e) {
      throw new BadInput("--kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
    }
    if (context != null
        && (config.getCurrentContext() == null
            || !context.equals(config.getCurrentContext().getName()))) {
      throw new BadInput("--kubeconfig " + kubeconfig + " has no context named " + context);
    }
    config.setRequestTimeout(15_000);
    config.setConnectionTimeout(10_000);
    config.setRequestRetryBackoffLimit(1);
    String where = config.getMasterUrl() + (context == null ? "" : " (context " + context + ")");
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      List<GenericKubernetesResource> items =
          client.genericKubernetesResources(API_VERSION, KIND).inAnyNamespace().list().getItems();
      ObjectMapper mapper = new ObjectMapper();
      List<JsonNode> objects = items.stream().map(o -> (JsonNode) mapper.valueToTree(o)).toList();
      SchemaStates.Snapshot snapshot = SchemaStates.read(objects);
      return new State(snapshot.windows(), snapshot.problems(), "SchemaState objects in " + where);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        throw new BadInput(
            where
                + " does not serve "
                + API_VERSION
                + " "
                + KIND
                + ": the schemagate CRD is not installed there",
            e);
      }
      throw new BadInput(
          "cannot list SchemaState objects in " + where + ": " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String s) {
    return s == null ? "unknown error" : s.strip().lines().findFirst().orElse(s);
  }
}
