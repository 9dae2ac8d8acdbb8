package dev.schemagate.drift;

import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.drift.replay.DriftInputException;
import dev.schemagate.runner.db.SqlErrors;
import dev.schemagate.runner.gate.Gate;
import dev.schemagate.runner.gate.GateContext;
import dev.schemagate.runner.gate.GateResult;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Holds back a phase whose statements touch a drifted object: one of the tables the analyzer says
 * the phase locks has a drifted column, constraint, index or trigger, or is itself missing, extra
 * or different. The phase was reviewed against the schema Git describes; on another schema it may
 * fail half-way or do something nobody reviewed. {@code --accept-drift "<reason>"} lets it run, and
 * the reason is recorded in the history row
 * (docs/drift.md#apply-refuses-a-phase-that-touches-drift).
 *
 * <p>Drift is computed once per run, before the first phase the gate is asked about: the runner's
 * own phases change the database and the history together, so they add no drift.
 */
public final class DriftGate implements Gate {

  public static final String NAME = "drift";

  private final MigrationRepository repo;
  private final Optional<String> acceptReason;
  private final DriftCheck check;
  private DriftReport report;
  private String failure;

  public DriftGate(MigrationRepository repo, Optional<String> acceptReason, DriftCheck check) {
    this.repo = repo;
    this.acceptReason = acceptReason;
    this.check = check;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean appliesTo(GateContext context) {
    return !context.tables().isEmpty();
  }

  @Override
  public GateResult check(GateContext context) {
    compute(context);
    if (failure != null) {
      return acceptReason.isPresent()
          ? GateResult.overridden(
              NAME, "drift not checked (" + failure + "); accepted: " + acceptReason.get())
          : GateResult.failed(
              NAME,
              "drift could not be checked: "
                  + failure
                  + "; fix that, or pass --accept-drift \"<reason>\" to apply without the check");
    }
    List<Drift> touched =
        report.drifts().stream()
            .filter(
                d ->
                    d.object().relation() != null
                        && context.tables().contains(d.object().relation()))
            .toList();
    if (touched.isEmpty()) {
      return GateResult.passed(
          NAME,
          "no drifted object on "
              + String.join(", ", context.tables().stream().sorted().toList())
              + (report.drifted() ? " (" + report.drifts().size() + " drifted elsewhere)" : ""));
    }
    Drift first = touched.get(0);
    String what =
        "it touches "
            + first.object().relation()
            + ", where "
            + first.message()
            + (touched.size() > 1
                ? " (and " + (touched.size() - 1) + " more drifted object(s) on its tables)"
                : "");
    if (acceptReason.isPresent()) {
      return GateResult.overridden(NAME, what + "; accepted: " + acceptReason.get());
    }
    return GateResult.failed(
        NAME,
        what
            + "; see schemagate drift --db …, repair the drift, or pass --accept-drift"
            + " \"<reason>\" (recorded in the history)");
  }

  private synchronized void compute(GateContext context) {
    if (report != null || failure != null) {
      return;
    }
    try {
      report = check.run(context.database(), repo);
    } catch (SQLException e) {
      failure = SqlErrors.describe(e);
    } catch (DriftInputException | IllegalArgumentException | java.io.UncheckedIOException e) {
      failure = e.getMessage();
    }
  }
}
