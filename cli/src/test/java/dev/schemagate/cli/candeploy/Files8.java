package dev.schemagate.cli.candeploy;

/**
 * A manifest stream with every workload kind the webhook checks, a List, and objects it does not
 * check.
 */
final class Files8 {
  private Files8() {}

  private static String templated(String apiVersion, String kind, String requires) {
    String annotations =
        requires == null
            ? ""
            : "      annotations:\n        schemagate.dev/requires: \"" + requires + "\"\n";
    return "apiVersion: "
        + apiVersion
        + "\nkind: "
        + kind
        + "\nmetadata:\n  name: "
        + kind.toLowerCase()
        + "\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: shop}\n  template:\n    metadata:\n"
        + "      labels: {app: shop}\n"
        + annotations
        + "    spec:\n      containers:\n        - name: app\n          image: shop:1\n";
  }

  static final String EVERY_KIND =
      String.join(
          "---\n",
          templated("apps/v1", "Deployment", "orders@8"),
          templated("apps/v1", "StatefulSet", "orders@7, billing@2"),
          templated("apps/v1", "DaemonSet", "orders@6"),
          templated("apps/v1", "ReplicaSet", "orders@5"),
          templated("batch/v1", "Job", "billing@1"),
          templated("argoproj.io/v1alpha1", "Rollout", "orders@8"),
          """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: cronjob, namespace: shop}
      spec:
        schedule: "*/5 * * * *"
        jobTemplate:
          spec:
            template:
              metadata:
                annotations: {schemagate.dev/requires: "orders@8"}
              spec:
                restartPolicy: Never
                containers: [{name: app, image: shop:1}]
      """,
          """
      apiVersion: v1
      kind: Pod
      metadata:
        name: pod
        namespace: shop
        annotations: {schemagate.dev/requires: "billing@3"}
      spec:
        containers: [{name: app, image: shop:1}]
      """,
          """
      apiVersion: v1
      kind: List
      items:
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: in-a-list, namespace: shop}
          spec:
            template:
              metadata:
                annotations: {schemagate.dev/requires: "orders@seven"}
        - apiVersion: v1
          kind: Service
          metadata: {name: shop, namespace: shop}
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: no-annotation, namespace: shop}
          spec:
            template:
              metadata: {labels: {app: shop}}
      """,
          """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: shop}
      data: {a: b}
      """,
          """
      # kube-system is exempt, as in the webhook
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: coredns, namespace: kube-system}
      spec:
        template:
          metadata:
            annotations: {schemagate.dev/requires: "orders@99"}
      """,
          "");
}
