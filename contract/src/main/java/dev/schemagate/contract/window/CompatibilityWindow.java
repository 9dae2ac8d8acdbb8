package dev.schemagate.contract.window;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The versions of a track that running code may require right now: from {@code lastContracted} (or
 * 1 when nothing was contracted) to {@code lastExpanded}, both included. See "Compatibility window"
 * in {@code docs/migration-format.md}. The window of a migration repository's phases as applied is
 * computed by the analyzer ({@code WindowFromAppliedPhases}).
 *
 * @param lastContracted the highest version whose contract phase has been applied; 0 when none
 * @param lastExpanded the highest version whose forward phases (expand, backfill) have all been
 *     applied; 0 when none
 */
public record CompatibilityWindow(String track, int lastContracted, int lastExpanded) {

  public CompatibilityWindow {
    if (lastContracted < 0 || lastExpanded < 0) {
      throw new IllegalArgumentException("versions cannot be negative");
    }
    if (lastContracted > lastExpanded) {
      throw new IllegalArgumentException(
          track
              + ": contract of version "
              + lastContracted
              + " cannot be applied before its expand (last expanded "
              + lastExpanded
              + ")");
    }
  }

  /** The lowest live version, or 0 when nothing is live. */
  public int lowest() {
    return lastExpanded == 0 ? 0 : Math.max(lastContracted, 1);
  }

  /** True when no version is live yet (nothing expanded). */
  public boolean isEmpty() {
    return lastExpanded == 0;
  }

  public boolean contains(int version) {
    return !isEmpty() && version >= lowest() && version <= lastExpanded;
  }

  /** {@code 4..7}. */
  public String describe() {
    return isEmpty() ? "empty" : lowest() + ".." + lastExpanded;
  }

  /**
   * Decides one requirement of this window's track.
   *
   * @throws IllegalArgumentException when the requirement names another track
   */
  public WindowDecision check(Requirement requirement) {
    if (!requirement.track().equals(track)) {
      throw new IllegalArgumentException(requirement + " is not about track " + track);
    }
    int v = requirement.version();
    if (v > lastExpanded) {
      String missing =
          lastExpanded + 1 == v ? track + "@" + v : track + "@" + (lastExpanded + 1) + "–" + v;
      String where =
          isEmpty()
              ? "nothing is applied in track " + track + " yet"
              : "live window is " + describe();
      return WindowDecision.deny(
          requirement + " is not live: " + where + "; apply " + missing + " first");
    }
    if (v < lastContracted) {
      return WindowDecision.deny(
          requirement
              + " is no longer supported: "
              + track
              + "@"
              + lastContracted
              + "'s contract removed what it needs (live window "
              + describe()
              + ")");
    }
    return WindowDecision.allow(requirement + " is live (window " + describe() + ")");
  }

  /**
   * Decides a workload's requirements against the windows of all tracks: allowed when every
   * requirement is live; otherwise every denial, joined with "; ".
   */
  public static WindowDecision checkAll(
      Collection<Requirement> requirements, Map<String, CompatibilityWindow> windows) {
    List<String> denials = new ArrayList<>();
    List<String> live = new ArrayList<>();
    for (Requirement r : requirements) {
      CompatibilityWindow window = windows.get(r.track());
      if (window == null) {
        denials.add(r + ": unknown track \"" + r.track() + "\"");
        continue;
      }
      WindowDecision d = window.check(r);
      (d.allowed() ? live : denials).add(d.message());
    }
    if (!denials.isEmpty()) {
      return WindowDecision.deny(String.join("; ", denials));
    }
    return WindowDecision.allow(live.isEmpty() ? "no requirements" : String.join("; ", live));
  }
}
