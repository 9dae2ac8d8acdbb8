package dev.schemagate.webhook.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.contract.state.SchemaState;
import dev.schemagate.webhook.WebhookConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/** Watches SchemaState objects in all namespaces and keeps {@link SchemaStateCache} current. */
@ApplicationScoped
public class SchemaStateInformer {

  public static final String API_VERSION = SchemaState.API_VERSION;
  public static final String KIND = SchemaState.KIND;
  private static final Logger LOG = Logger.getLogger(SchemaStateInformer.class);

  @Inject KubernetesClient client;
  @Inject SchemaStateCache cache;
  @Inject WebhookConfig config;
  @Inject ObjectMapper mapper;

  private SharedIndexInformer<GenericKubernetesResource> informer;

  void start(@Observes StartupEvent event) {
    if (!"kubernetes".equals(config.state().source())) {
      LOG.infof("SchemaState informer off: state source is %s", config.state().source());
      return;
    }
    if (!config.informerEnabled()) {
      LOG.info("SchemaState informer disabled (schemagate.informer-enabled=false)");
      return;
    }
    informer =
        client.genericKubernetesResources(API_VERSION, KIND).inAnyNamespace().runnableInformer(0);
    // Keep retrying the list and watch (API server restarting, CRD not installed yet) instead of
    // giving up: the webhook then stays not-ready rather than silently deciding from nothing.
    informer.exceptionHandler(
        (started, error) -> {
          LOG.warnf("SchemaState informer: %s; retrying", error.getMessage());
          return true;
        });
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource obj) {
            refresh();
          }

          @Override
          public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
            refresh();
          }

          @Override
          public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
            refresh();
          }
        });
    // start() does not block startup: readiness stays down until the first list has synced,
    // and the informer keeps retrying while the API server is unreachable.
    informer
        .start()
        .whenComplete(
            (ignored, error) -> {
              if (error != null) {
                LOG.errorf(error, "SchemaState informer failed to start");
                return;
              }
              refresh();
              cache.markSynced();
              LOG.infof("SchemaState cache synced: %d track(s)", cache.windows().size());
            });
  }

  private synchronized void refresh() {
    List<JsonNode> objects =
        informer.getStore().list().stream().map(o -> (JsonNode) mapper.valueToTree(o)).toList();
    cache.replace(objects);
  }

  void stop(@Observes ShutdownEvent event) {
    if (informer != null) {
      informer.close();
    }
  }
}
