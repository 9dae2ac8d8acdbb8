package dev.schemagate.analyzer.family;

import dev.schemagate.analyzer.family.index.IndexFamily;
import dev.schemagate.analyzer.family.role.RoleFamily;
import dev.schemagate.analyzer.family.routine.RoutineFamily;
import dev.schemagate.analyzer.family.sequence.SequenceFamily;
import dev.schemagate.analyzer.family.session.SessionFamily;
import dev.schemagate.analyzer.family.statistics.StatisticsFamily;
import dev.schemagate.analyzer.family.type.TypeFamily;
import dev.schemagate.analyzer.family.view.ViewFamily;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The thin dispatcher: every statement family, found by the kind it owns or by the words its
 * statements start with. A kind or a word claimed by two families fails when the class loads. Kinds
 * not yet moved into a family are still handled by {@code DdlRecognizer}, {@code LockModel} and
 * {@code Catalog} directly.
 */
public final class Families {

  private static final List<StatementFamily> ALL =
      List.of(
          new SessionFamily(),
          new SequenceFamily(),
          new RoutineFamily(),
          new RoleFamily(),
          new ViewFamily(),
          new IndexFamily(),
          new TypeFamily(),
          new StatisticsFamily());

  private static final Map<StatementKind, StatementFamily> BY_KIND =
      new EnumMap<>(StatementKind.class);
  private static final Map<String, Recognizer> LEAD = words(StatementFamily::leadWords, "lead");
  private static final Map<String, CreateRecognizer> CREATE =
      words(StatementFamily::createWords, "CREATE");
  private static final Map<String, Recognizer> ALTER = words(StatementFamily::alterWords, "ALTER");
  private static final Map<String, Recognizer> DROP = words(StatementFamily::dropWords, "DROP");

  static {
    for (StatementFamily f : ALL) {
      for (StatementKind k : f.kinds()) {
        StatementFamily before = BY_KIND.put(k, f);
        if (before != null) {
          throw new IllegalStateException(
              "statement kind "
                  + k
                  + " is claimed by "
                  + name(before)
                  + " and by "
                  + name(f)
                  + ": give it to one family");
        }
      }
    }
  }

  private Families() {}

  public static List<StatementFamily> all() {
    return ALL;
  }

  /** The family that owns this kind, when it has been moved into one. */
  public static Optional<StatementFamily> owning(StatementKind kind) {
    return Optional.ofNullable(BY_KIND.get(kind));
  }

  public static Recognizer leadWord(String word) {
    return LEAD.get(word);
  }

  public static CreateRecognizer createWord(String word) {
    return CREATE.get(word);
  }

  public static Recognizer alterWord(String word) {
    return ALTER.get(word);
  }

  public static Recognizer dropWord(String objectType) {
    return DROP.get(objectType);
  }

  private static <R> Map<String, R> words(
      Function<StatementFamily, Map<String, R>> of, String what) {
    Map<String, R> out = new HashMap<>();
    Map<String, StatementFamily> owner = new HashMap<>();
    for (StatementFamily f : ALL) {
      for (Map.Entry<String, R> e : of.apply(f).entrySet()) {
        StatementFamily before = owner.put(e.getKey(), f);
        if (before != null) {
          throw new IllegalStateException(
              what
                  + " word '"
                  + e.getKey()
                  + "' is claimed by "
                  + name(before)
                  + " and by "
                  + name(f)
                  + ": give it to one family");
        }
        out.put(e.getKey(), e.getValue());
      }
    }
    return Map.copyOf(out);
  }

  private static String name(StatementFamily f) {
    return f.getClass().getSimpleName();
  }
}
