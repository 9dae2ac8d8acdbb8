package dev.schemagate.cli.candeploy;

import dev.schemagate.contract.window.AdmissionDecider;
import dev.schemagate.contract.window.AdmissionInput;
import dev.schemagate.contract.window.EnforcementMode;
import dev.schemagate.contract.window.PodTemplates;
import dev.schemagate.contract.window.Verdict;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code schemagate can-deploy}: the admission webhook's decision for manifests, before they reach
 * a cluster (a CI step, an Argo CD PreSync job, a person). The decision is the webhook's own code,
 * {@link AdmissionDecider}, in enforce mode, for a CREATE of each object.
 */
@Command(
    name = "can-deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Decide, as the admission webhook would, whether the workloads in Kubernetes manifests may be deployed:"
          + " every schemagate.dev/requires on their pod templates must be inside its track's live window.",
      "The windows come from the runner's schemagate.track_state table (--db) or from the cluster's SchemaState"
          + " objects (--kubeconfig)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every workload may be deployed",
      "1:some workload would be denied",
      "2:usage or input error (bad manifest, state source unreachable)"
    })
public final class CanDeployCommand implements Callable<Integer> {

  static final int ALLOWED = 0;
  static final int DENIED = 1;
  static final int BAD_INPUT = 2;

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE",
      description =
          "Manifest file or folder (multi-document YAML or JSON; - for stdin); repeatable")
  List<String> files;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(
        names = "--db",
        paramLabel = "URL",
        description =
            "The target database, as the runner commands and psql take it: jdbc:postgresql://HOST[:PORT]/DB,"
                + " postgresql://[USER@]HOST[:PORT]/DB or \"host=… dbname=…\", completed from PGHOST, PGPORT, PGDATABASE,"
                + " PGUSER, PGSSLMODE. Password from PGPASSWORD or --password-file; never in the URL")
    String db;

    @ArgGroup(exclusive = false)
    Cluster cluster;
  }

  static final class Cluster {
    @Option(
        names = "--kubeconfig",
        required = true,
        paramLabel = "PATH",
        description = "Read SchemaState objects from the cluster of this kubeconfig")
    Path kubeconfig;

    @Option(
        names = "--context",
        paramLabel = "NAME",
        description = "kubeconfig context (default: its current context)")
    String context;
  }

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "With --db: read the password from the first line of FILE (overrides PGPASSWORD)")
  Path passwordFile;

  @Option(
      names = "--exempt-namespace",
      paramLabel = "NS",
      split = ",",
      description =
          "Namespaces the webhook does not check (default: ${DEFAULT-VALUE}, as the webhook's default)")
  List<String> exemptNamespaces = List.of("kube-system");

  /** The environment and stdin; tests replace them. */
  Map<String, String> env = System.getenv();

  InputStream stdin = System.in;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (passwordFile != null && source.db == null) {
      throw new BadInput("--password-file is only used with --db");
    }
    List<Manifest> manifests = Manifests.read(files, stdin);
    StateSource stateSource =
        source.db != null
            ? DatabaseState.of(source.db, passwordFile, env)
            : new ClusterState(source.cluster.kubeconfig, source.cluster.context);
    StateSource.State state = stateSource.read();
    state.problems().forEach(p -> err.println("schemagate: warning: " + p));

    AdmissionDecider decider =
        new AdmissionDecider(EnforcementMode.ENFORCE, new HashSet<>(exemptNamespaces));
    int workloads = 0;
    int denied = 0;
    for (Manifest m : manifests) {
      if (!PodTemplates.isWorkload(m.kind())) {
        continue; // the webhook is never asked about Services, ConfigMaps, ...
      }
      workloads++;
      String namespace = m.object().path("metadata").path("namespace").asText("");
      Verdict v =
          decider.decide(
              new AdmissionInput(m.kind(), "CREATE", namespace, false, m.object(), null),
              state.windows());
      if (!v.allowed()) {
        denied++;
      }
      out.printf(
          "%-7s %s %s (%s) [%s]: %s%n",
          v.allowed() ? "allowed" : "denied",
          m.kind(),
          m.name(),
          m.where(),
          v.reason().label(),
          v.message());
    }
    if (workloads == 0) {
      err.println(
          "schemagate: warning: "
              + (manifests.isEmpty() ? "no Kubernetes object" : "no workload")
              + " in "
              + String.join(", ", files)
              + ": nothing was checked; give the manifests of the Deployments, StatefulSets,"
              + " Jobs, … to deploy");
    }
    Set<String> others = new java.util.TreeSet<>();
    manifests.stream()
        .filter(m -> !PodTemplates.isWorkload(m.kind()))
        .forEach(m -> others.add(m.kind()));
    out.printf(
        "%d workload%s: %d allowed, %d denied%s; state from %s%n",
        workloads,
        workloads == 1 ? "" : "s",
        workloads - denied,
        denied,
        others.isEmpty() ? "" : " (not checked: " + String.join(", ", others) + ")",
        state.description());
    return denied == 0 ? ALLOWED : DENIED;
  }
}
