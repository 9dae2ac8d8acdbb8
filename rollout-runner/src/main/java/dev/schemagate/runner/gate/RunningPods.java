package dev.schemagate.runner.gate;

import dev.schemagate.contract.window.Requirement;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schema requirements of the pods that run now, read from the {@code schemagate.dev/requires}
 * annotation (which pods inherit from their workload's pod template).
 *
 * <p>A pod is running unless it is being deleted ({@code metadata.deletionTimestamp}) or has ended
 * (phase {@code Succeeded} or {@code Failed}). {@code Pending} pods count: they are about to run
 * the code they were built from.
 */
final class RunningPods {

  /** A running pod's requirement on one track. */
  record Holder(String namespace, String pod, Requirement requirement) {
    String describe() {
      return namespace + "/" + pod + " (" + requirement + ")";
    }
  }

  /** An annotation entry that cannot be parsed and may concern the track. */
  record Unreadable(String namespace, String pod, String entry, String problem) {
    String describe() {
      return namespace
          + "/"
          + pod
          + " carries an unreadable "
          + Requirement.ANNOTATION
          + " entry: "
          + problem;
    }
  }

  record Reading(int podsRead, List<Holder> holders, List<Unreadable> unreadable) {}

  /** A failed list call, with the namespace it was about ({@code null}: all namespaces). */
  static final class ListFailure extends RuntimeException {
    final String namespace;
    final KubernetesClientException failure;

    ListFailure(String namespace, KubernetesClientException failure) {
      super(failure);
      this.namespace = namespace;
      this.failure = failure;
    }
  }

  private static final long PAGE = 500;

  private RunningPods() {}

  /**
   * Lists pods page by page in each namespace (all namespaces when {@code namespaces} is empty) and
   * keeps the running pods' requirements on {@code track}.
   *
   * @throws ListFailure when a list call fails (forbidden, unreachable, ...)
   */
  static Reading read(KubernetesClient client, List<String> namespaces, String track) {
    List<Holder> holders = new ArrayList<>();
    List<Unreadable> unreadable = new ArrayList<>();
    int[] read = {0};
    if (namespaces.isEmpty()) {
      listAll(client, null, track, holders, unreadable, read);
    } else {
      for (String ns : namespaces) {
        listAll(client, ns, track, holders, unreadable, read);
      }
    }
    return new Reading(read[0], holders, unreadable);
  }

  private static void listAll(
      KubernetesClient client,
      String namespace,
      String track,
      List<Holder> holders,
      List<Unreadable> unreadable,
      int[] read) {
    String next = null;
    do {
      ListOptionsBuilder options = new ListOptionsBuilder().withLimit(PAGE);
      if (next != null) {
        options.withContinue(next);
      }
      PodList page;
      try {
        page =
            namespace == null
                ? client.pods().inAnyNamespace().list(options.build())
                : client.pods().inNamespace(namespace).list(options.build());
      } catch (KubernetesClientException e) {
        throw new ListFailure(namespace, e);
      }
      for (Pod pod : page.getItems()) {
        if (!isRunning(pod)) {
          continue;
        }
        read[0]++;
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(Requirement.ANNOTATION);
        if (value != null) {
          collect(pod, value, track, holders, unreadable);
        }
      }
      next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
  }

  static boolean isRunning(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  /**
   * Parses entry by entry rather than the whole value at once: a malformed entry about another
   * track must not hide (or block on) this track's requirement.
   */
  private static void collect(
      Pod pod, String value, String track, List<Holder> holders, List<Unreadable> unreadable) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    for (String entry : value.split(",", -1)) {
      if (entry.isBlank()) {
        continue;
      }
      Requirement r;
      try {
        r = Requirement.parse(entry);
      } catch (IllegalArgumentException e) {
        int at = entry.indexOf('@');
        String named = at < 0 ? null : entry.substring(0, at).trim();
        if (named == null || named.equals(track)) {
          unreadable.add(new Unreadable(ns, name, entry.trim(), e.getMessage()));
        }
        continue;
      }
      if (r.track().equals(track)) {
        holders.add(new Holder(ns, name, r));
      }
    }
  }
}
