package dev.schemagate.analyzer.catalog;

import dev.schemagate.analyzer.family.Families;
import dev.schemagate.analyzer.family.StatementFamily;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ColumnDef;
import dev.schemagate.analyzer.statement.ConstraintDef;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.IndexDef;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.TypeName;
import dev.schemagate.analyzer.statement.Volatility;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The schema as replayed from earlier statements: tables, indexes, constraints, sequences, views,
 * materialized views and enum types. Names resolve against a default schema ({@code public} unless
 * configured). Objects never created in the replayed history are "unknown" ({@link
 * RelationKind#UNKNOWN}); statements about them are tolerated, never an error.
 *
 * <p>Values inside are immutable; {@link #copy()} copies only the maps.
 */
public final class Catalog {

  private final String defaultSchema;
  private final Map<String, CatalogTable> tables;
  private final Map<String, CatalogIndex> indexes;

  /** Sequences, views and materialized views, by qualified name. */
  private final Map<String, RelationKind> otherRelations;

  private final Map<String, List<String>> enums;

  /**
   * The relations each materialized view's query reads (qualified): REFRESH runs that query again
   * and locks them ACCESS SHARE, as CREATE did.
   */
  private final Map<String, List<String>> viewSources;

  /** Trigger names per table (qualified), for tables the replayed history created. */
  private final Map<String, Set<String>> triggers;

  /** Table access methods other than {@code heap} (CREATE TABLE … USING, SET ACCESS METHOD). */
  private final Map<String, String> accessMethods;

  /**
   * Tables that a DO block's body alters: the body is not replayed, and it often runs its DDL
   * conditionally, so what the catalog holds of their columns may no longer be true.
   */
  private final Set<String> alteredByCode;

  /**
   * Materialized views created {@code WITH NO DATA} (or last refreshed so) and not refreshed with
   * data since: {@code REFRESH … CONCURRENTLY} is rejected on them.
   */
  private final Set<String> unpopulated;

  /** Extended statistics objects (CREATE STATISTICS) and the table each is on, both qualified. */
  private final Map<String, String> statistics;

  public Catalog() {
    this("public");
  }

  public Catalog(String defaultSchema) {
    this(
        Objects.requireNonNull(defaultSchema, "defaultSchema"),
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new HashSet<>(),
        new HashSet<>(),
        new LinkedHashMap<>());
  }

  private Catalog(
      String defaultSchema,
      Map<String, CatalogTable> tables,
      Map<String, CatalogIndex> indexes,
      Map<String, RelationKind> otherRelations,
      Map<String, List<String>> enums,
      Map<String, List<String>> viewSources,
      Map<String, Set<String>> triggers,
      Map<String, String> accessMethods,
      Set<String> alteredByCode,
      Set<String> unpopulated,
      Map<String, String> statistics) {
    this.defaultSchema = defaultSchema;
    this.tables = tables;
    this.indexes = indexes;
    this.otherRelations = otherRelations;
    this.enums = enums;
    this.viewSources = viewSources;
    this.triggers = triggers;
    this.accessMethods = accessMethods;
    this.alteredByCode = alteredByCode;
    this.unpopulated = unpopulated;
    this.statistics = statistics;
  }

  /** An independent copy: applying statements to it leaves this catalog unchanged. */
  public Catalog copy() {
    return new Catalog(
        defaultSchema,
        new LinkedHashMap<>(tables),
        new LinkedHashMap<>(indexes),
        new LinkedHashMap<>(otherRelations),
        new LinkedHashMap<>(enums),
        new LinkedHashMap<>(viewSources),
        new LinkedHashMap<>(triggers),
        new LinkedHashMap<>(accessMethods),
        new HashSet<>(alteredByCode),
        new HashSet<>(unpopulated),
        new LinkedHashMap<>(statistics));
  }

  public String defaultSchema() {
    return defaultSchema;
  }

  // ---------------------------------------------------------------- queries

  /** {@code schema.name} with the default schema applied. */
  public String qualify(QualifiedName name) {
    return name.inSchema(defaultSchema).toString();
  }

  public RelationKind kindOf(QualifiedName name) {
    String q = qualify(name);
    if (tables.containsKey(q)) {
      return RelationKind.TABLE;
    }
    if (indexes.containsKey(q)) {
      return RelationKind.INDEX;
    }
    return otherRelations.getOrDefault(q, RelationKind.UNKNOWN);
  }

  /**
   * False for a materialized view the replayed history created or last refreshed {@code WITH NO
   * DATA}.
   */
  public boolean populated(QualifiedName view) {
    return !unpopulated.contains(qualify(view));
  }

  /** The table (qualified) an extended statistics object of the replayed history is on. */
  public Optional<String> statisticsTable(QualifiedName statisticsObject) {
    return Optional.ofNullable(statistics.get(qualify(statisticsObject)));
  }

  /**
   * The relations a materialized view's query reads, as its CREATE named them; empty when unknown.
   */
  public List<String> viewSources(QualifiedName view) {
    return viewSources.getOrDefault(qualify(view), List.of());
  }

  /**
   * Whether {@code table} has a trigger {@code name}; empty when its triggers are not known: the
   * table was not created by the replayed history, or a DO block's body (not replayed) alters it.
   */
  public Optional<Boolean> hasTrigger(QualifiedName table, String name) {
    String key = qualify(table);
    if (!fullyKnown(key) || name == null) {
      return Optional.empty();
    }
    return Optional.of(triggers.getOrDefault(key, Set.of()).contains(name));
  }

  /**
   * The access method of a table the replayed history created ({@code heap} unless it said
   * otherwise: the default {@code default_table_access_method}); empty when the table is not known.
   */
  public Optional<String> accessMethod(QualifiedName table) {
    String key = qualify(table);
    if (!fullyKnown(key)) {
      return Optional.empty();
    }
    return Optional.of(accessMethods.getOrDefault(key, "heap"));
  }

  /** The replayed history created the table and no DO block (not replayed) has altered it since. */
  private boolean fullyKnown(String key) {
    CatalogTable t = tables.get(key);
    return t != null && t.columnsKnown() && !alteredByCode.contains(key);
  }

  public Optional<CatalogTable> table(QualifiedName name) {
    return Optional.ofNullable(tables.get(qualify(name)));
  }

  public Optional<CatalogTable> table(String qualifiedName) {
    return Optional.ofNullable(tables.get(qualifiedName));
  }

  /**
   * Whether an earlier DO block's body alters the table (schema-qualified name): its replayed
   * columns and constraints may then be out of date, so "the column exists" is not certain.
   */
  public boolean alteredByCode(String qualifiedTable) {
    return alteredByCode.contains(qualifiedTable);
  }

  public Optional<CatalogIndex> index(QualifiedName name) {
    return Optional.ofNullable(indexes.get(qualify(name)));
  }

  /** Indexes of a table (schema-qualified name), in creation order. */
  public List<CatalogIndex> indexesOn(String qualifiedTable) {
    List<CatalogIndex> out = new ArrayList<>();
    for (CatalogIndex i : indexes.values()) {
      if (i.table().equals(qualifiedTable)) {
        out.add(i);
      }
    }
    return out;
  }

  public Optional<CatalogColumn> column(QualifiedName table, String column) {
    return table(table).flatMap(t -> t.column(column));
  }

  public Optional<CatalogConstraint> constraint(QualifiedName table, String name) {
    return table(table).flatMap(t -> t.constraint(name));
  }

  /** Foreign keys of other tables (and of the table itself) that reference the given table. */
  public List<Map.Entry<String, CatalogConstraint>> foreignKeysReferencing(String qualifiedTable) {
    List<Map.Entry<String, CatalogConstraint>> out = new ArrayList<>();
    for (CatalogTable t : tables.values()) {
      for (CatalogConstraint c : t.constraints()) {
        if (c.type() == ConstraintType.FOREIGN_KEY && qualifiedTable.equals(c.referencedTable())) {
          out.add(Map.entry(t.qualifiedName(), c));
        }
      }
    }
    return out;
  }

  public Optional<List<String>> enumLabels(QualifiedName type) {
    return Optional.ofNullable(enums.get(qualify(type)));
  }

  /** Qualified names of the materialized views the replayed history created. */
  public Set<String> materializedViewNames() {
    Set<String> out = new java.util.LinkedHashSet<>();
    otherRelations.forEach(
        (k, v) -> {
          if (v == RelationKind.MATERIALIZED_VIEW) {
            out.add(k);
          }
        });
    return out;
  }

  /**
   * Qualified names of the known tables, in the order they were created (stable, for reproducible
   * output).
   */
  public Set<String> tableNames() {
    return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(tables.keySet()));
  }

  /**
   * True when a valid, non-partial index on the table has exactly these columns (in any order) as
   * its leading key columns: what PostgreSQL needs to find referencing rows without a scan.
   */
  public boolean hasIndexWithLeadingColumns(QualifiedName table, List<String> columns) {
    if (columns.isEmpty()) {
      return false;
    }
    Set<String> wanted = new HashSet<>(columns);
    for (CatalogIndex i : indexesOn(qualify(table))) {
      if (i.valid()
          && !i.partial()
          && i.columns().size() >= columns.size()
          && new HashSet<>(i.columns().subList(0, columns.size())).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when a validated CHECK constraint on the table reads {@code col IS NOT NULL} (parentheses
   * and case aside).
   */
  public boolean hasValidNotNullCheck(QualifiedName table, String column) {
    return table(table)
        .map(
            t ->
                t.constraints().stream()
                    .anyMatch(
                        c ->
                            c.type() == ConstraintType.CHECK
                                && c.validated()
                                && provesNotNull(c.checkExpression(), column)))
        .orElse(false);
  }

  /**
   * True when a validated NOT NULL constraint (PostgreSQL 18 {@code ADD CONSTRAINT … NOT NULL col})
   * covers the column.
   */
  public boolean hasValidNotNullConstraint(QualifiedName table, String column) {
    return table(table)
        .map(
            t ->
                t.constraints().stream()
                    .anyMatch(
                        c ->
                            c.type() == ConstraintType.NOT_NULL
                                && c.validated()
                                && c.columns().contains(column)))
        .orElse(false);
  }

  /**
   * Whether {@code expression} is {@code col IS NOT NULL}, possibly parenthesised, any case and
   * spacing.
   */
  public static boolean provesNotNull(String expression, String column) {
    if (expression == null) {
      return false;
    }
    String e = stripParens(expression.trim());
    String[] parts = e.split("\\s+");
    if (parts.length != 4
        || !parts[1].equalsIgnoreCase("is")
        || !parts[2].equalsIgnoreCase("not")
        || !parts[3].equalsIgnoreCase("null")) {
      return false;
    }
    String col = stripParens(parts[0]);
    int dot = col.lastIndexOf('.');
    if (dot >= 0 && !col.endsWith("\"")) {
      col = col.substring(dot + 1);
    }
    return QualifiedName.fold(col).equals(column);
  }

  private static String stripParens(String s) {
    String e = s.trim();
    while (e.startsWith("(") && e.endsWith(")") && balancedInside(e)) {
      e = e.substring(1, e.length() - 1).trim();
    }
    return e;
  }

  private static boolean balancedInside(String e) {
    int depth = 0;
    for (int i = 0; i < e.length(); i++) {
      char ch = e.charAt(i);
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
        if (depth == 0 && i < e.length() - 1) {
          return false;
        }
      }
    }
    return depth == 0;
  }

  // ---------------------------------------------------------------- replay

  /** Applies one statement. Statements that do not change the modelled schema are ignored. */
  public void apply(ParsedStatement st) {
    Optional<StatementFamily> family = Families.owning(st.kind());
    if (family.isPresent()) {
      family.get().replay(st, this);
      return;
    }
    QualifiedName target = st.target();
    switch (st.kind()) {
      case CREATE_TABLE -> createTable(st);
      case CREATE_TABLE_AS -> {
        if (target != null
            && !(st.has(Flag.IF_NOT_EXISTS) && tables.containsKey(qualify(target)))) {
          QualifiedName q = target.inSchema(defaultSchema);
          tables.put(q.toString(), CatalogTable.placeholder(q.schema(), q.name()));
        }
      }
      case ALTER_TABLE -> alterTable(st);
      case DROP_TABLE -> st.relations().forEach(r -> dropTable(qualify(r)));
      case DROP_SCHEMA -> {
        if (st.has(Flag.CASCADE)) {
          st.relations().forEach(r -> dropSchema(r.name()));
          if (st.relations().isEmpty() && target != null) {
            dropSchema(target.name());
          }
        }
      }
      default -> {
        // DML, grants, functions…: no change to the modelled schema.
      }
    }
  }

  // ---------------------------------------------------------------- replay by the statement
  // families

  /** Records a sequence, view or materialized view; nothing when the name is null. */
  public void addRelation(QualifiedName name, RelationKind kind) {
    addOther(name, kind);
  }

  /**
   * Forgets a sequence, view or materialized view and what was known of it (its sources, whether
   * populated).
   */
  public void dropRelation(QualifiedName name) {
    otherRelations.remove(qualify(name));
    viewSources.remove(qualify(name));
    unpopulated.remove(qualify(name));
  }

  /**
   * CREATE MATERIALIZED VIEW: the view, the relations its query reads (REFRESH reads them again)
   * and whether it holds data; nothing when the name is null, or with IF NOT EXISTS when a sequence
   * or view of that name exists.
   */
  public void createMaterializedView(
      QualifiedName view, List<QualifiedName> sources, boolean ifNotExists, boolean withNoData) {
    if (view == null || (ifNotExists && otherRelations.containsKey(qualify(view)))) {
      return;
    }
    addOther(view, RelationKind.MATERIALIZED_VIEW);
    viewSources.put(qualify(view), sources.stream().map(this::qualify).toList());
    refreshed(view, withNoData);
  }

  /**
   * REFRESH MATERIALIZED VIEW: populated, or emptied WITH NO DATA (then REFRESH … CONCURRENTLY is
   * rejected).
   */
  public void refreshed(QualifiedName view, boolean withNoData) {
    if (view == null) {
      return;
    }
    if (withNoData) {
      unpopulated.add(qualify(view));
    } else {
      unpopulated.remove(qualify(view));
    }
  }

  /**
   * {@code RENAME TO} of a relation or a type: it keeps its schema; nothing when the new name is
   * null. Returns the name it has now.
   */
  public QualifiedName renameRelation(QualifiedName name, String newName) {
    return parseKey(renameRelation(qualify(name), newName));
  }

  /**
   * {@code SET SCHEMA} of a relation or a type: it keeps its name; nothing when the schema is null.
   * Returns the name it has now.
   */
  public QualifiedName moveRelation(QualifiedName name, String newSchema) {
    return parseKey(moveRelation(qualify(name), newSchema));
  }

  private static QualifiedName parseKey(String key) {
    int dot = key.lastIndexOf('.');
    return new QualifiedName(key.substring(0, dot), key.substring(dot + 1));
  }

  /**
   * An enum type and its labels in order (CREATE TYPE … AS ENUM, ALTER TYPE … ADD/RENAME VALUE);
   * replaces what was known.
   */
  public void enumLabels(QualifiedName type, List<String> labels) {
    enums.put(qualify(type), List.copyOf(labels));
  }

  /** DROP TYPE: forgets the enum's labels (nothing else of a type is modelled). */
  public void dropType(QualifiedName type) {
    enums.remove(qualify(type));
  }

  /** CREATE TRIGGER: nothing when the table or the trigger name is null. */
  public void createTrigger(QualifiedName table, String name) {
    trigger(table, name, true);
  }

  /** DROP TRIGGER: nothing when the table or the trigger name is null. */
  public void dropTrigger(QualifiedName table, String name) {
    trigger(table, name, false);
  }

  private void trigger(QualifiedName table, String name, boolean add) {
    if (table == null || name == null) {
      return;
    }
    Set<String> names = new HashSet<>(triggers.getOrDefault(qualify(table), Set.of()));
    if (add) {
      names.add(name);
    } else {
      names.remove(name);
    }
    triggers.put(qualify(table), Set.copyOf(names));
  }

  /**
   * A DO block's body alters this table: the body is not replayed, so what the catalog knows of the
   * table's columns stops being trusted ({@link #alteredByCode}).
   */
  public void markAlteredByCode(QualifiedName table) {
    alteredByCode.add(qualify(table));
  }

  private void accessMethod(String key, String method) {
    if (method == null || method.equals("heap") || method.equals("default")) {
      accessMethods.remove(key);
    } else {
      accessMethods.put(key, method);
    }
  }

  private void addOther(QualifiedName target, RelationKind kind) {
    if (target != null) {
      otherRelations.put(qualify(target), kind);
    }
  }

  private void createTable(ParsedStatement st) {
    QualifiedName q = st.target().inSchema(defaultSchema);
    String key = q.toString();
    if (st.has(Flag.IF_NOT_EXISTS) && tables.containsKey(key)) {
      return;
    }
    alteredByCode.remove(key);
    triggers.remove(key);
    accessMethod(key, st.attribute("access_method"));
    String parent = null;
    Map<String, CatalogColumn> columns = new LinkedHashMap<>();
    if (st.has(Flag.PARTITION_OF) && st.relations().size() > 1) {
      parent = qualify(st.relations().get(1));
      CatalogTable p = tables.get(parent);
      if (p != null) {
        columns.putAll(p.columns());
      }
    }
    boolean columnsKnown = parent == null || tables.containsKey(parent);
    boolean isDefault =
        st.has(Flag.PARTITION_OF)
            && st.source() != null
            && st.source()
                .text()
                .toUpperCase(Locale.ROOT)
                .matches("(?s).*\\bDEFAULT\\s*(PARTITION\\s+BY.*)?$");
    CatalogTable t =
        new CatalogTable(
            q.schema(),
            q.name(),
            columns,
            List.of(),
            columnsKnown,
            st.has(Flag.PARTITIONED),
            parent,
            isDefault,
            st.has(Flag.UNLOGGED));
    tables.put(key, t);
    for (AlterAction a : st.actions()) {
      if (a.kind() == ActionKind.ADD_COLUMN && a.columnDef() != null) {
        addColumn(key, a.columnDef(), false);
      } else if (a.kind() == ActionKind.ADD_CONSTRAINT && a.constraint() != null) {
        addConstraint(key, a.constraint());
      }
    }
  }

  private CatalogTable tableForAlter(String key) {
    CatalogTable t = tables.get(key);
    if (t == null) {
      int dot = key.lastIndexOf('.');
      t = CatalogTable.placeholder(key.substring(0, dot), key.substring(dot + 1));
      tables.put(key, t);
    }
    return t;
  }

  private void alterTable(ParsedStatement st) {
    if (st.target() == null) {
      return;
    }
    String key = qualify(st.target());
    if (!tables.containsKey(key) && (indexes.containsKey(key) || otherRelations.containsKey(key))) {
      // ALTER TABLE also accepts indexes, views and sequences for RENAME / SET SCHEMA.
      for (AlterAction a : st.actions()) {
        if (a.kind() == ActionKind.RENAME_TABLE) {
          renameRelation(key, a.newName());
        } else if (a.kind() == ActionKind.SET_SCHEMA) {
          moveRelation(key, a.newName());
        }
      }
      return;
    }
    if (!tables.containsKey(key) && st.has(Flag.IF_EXISTS)) {
      return;
    }
    tableForAlter(key);
    for (AlterAction a : st.actions()) {
      key = alterAction(key, a);
    }
  }

  /**
   * Applies one sub-command; returns the table's key afterwards (RENAME TO / SET SCHEMA move it).
   */
  private String alterAction(String key, AlterAction a) {
    CatalogTable t = tables.get(key);
    String col = a.column() == null ? null : a.column();
    switch (a.kind()) {
      case ADD_COLUMN -> {
        if (a.columnDef() != null) {
          addColumn(key, a.columnDef(), a.ifNotExists());
        }
      }
      case DROP_COLUMN -> {
        tables.put(key, t.withoutColumn(col));
        indexes.values().removeIf(i -> i.table().equals(key) && i.columns().contains(col));
      }
      case ALTER_COLUMN_TYPE -> {
        if (t.columns().containsKey(col)) {
          tables.put(key, t.mapColumn(col, c -> c.withType(a.type())));
        } else if (a.type() != null) {
          tables.put(
              key,
              t.withColumn(
                  new CatalogColumn(
                      col, a.type(), false, null, Volatility.NONE, ColumnDef.Generated.NONE)));
        }
      }
      case SET_DEFAULT ->
          tables.put(
              key, t.mapColumn(col, c -> c.withDefault(a.expression(), Volatility.CONSTANT)));
      case DROP_DEFAULT ->
          tables.put(key, t.mapColumn(col, c -> c.withDefault(null, Volatility.NONE)));
      case SET_NOT_NULL -> tables.put(key, t.mapColumn(col, c -> c.withNotNull(true)));
      case DROP_NOT_NULL -> {
        CatalogTable changed = t.mapColumn(col, c -> c.withNotNull(false));
        List<CatalogConstraint> kept = new ArrayList<>(changed.constraints());
        kept.removeIf(c -> c.type() == ConstraintType.NOT_NULL && c.columns().equals(List.of(col)));
        tables.put(key, changed.withConstraints(kept));
      }
      case ADD_CONSTRAINT -> {
        if (a.constraint() != null) {
          addConstraint(key, a.constraint());
        }
      }
      case VALIDATE_CONSTRAINT ->
          t.constraint(a.name())
              .ifPresent(
                  c -> {
                    CatalogTable changed = t.withConstraint(c.validatedNow());
                    if (c.type() == ConstraintType.NOT_NULL) {
                      for (String cc : c.columns()) {
                        changed = changed.mapColumn(cc, x -> x.withNotNull(true));
                      }
                    }
                    tables.put(key, changed);
                  });
      case DROP_CONSTRAINT -> {
        Optional<CatalogConstraint> c = t.constraint(a.name());
        CatalogTable changed = t.withoutConstraint(a.name());
        if (c.isPresent() && c.get().type() == ConstraintType.NOT_NULL) {
          for (String cc : c.get().columns()) {
            changed = changed.mapColumn(cc, x -> x.withNotNull(false));
          }
        }
        tables.put(key, changed);
        c.map(CatalogConstraint::index).ifPresent(ix -> indexes.remove(t.schema() + "." + ix));
      }
      case RENAME_COLUMN -> renameColumn(key, a.name(), a.newName());
      case RENAME_CONSTRAINT ->
          t.constraint(a.name())
              .ifPresent(
                  c -> {
                    CatalogConstraint renamed = c.withName(a.newName());
                    if (c.index() != null) {
                      renameRelation(t.schema() + "." + c.index(), a.newName());
                      renamed =
                          new CatalogConstraint(
                              a.newName(),
                              c.type(),
                              c.columns(),
                              c.validated(),
                              c.checkExpression(),
                              c.referencedTable(),
                              c.referencedColumns(),
                              a.newName(),
                              c.actions());
                    }
                    tables.put(key, t.withoutConstraint(a.name()).withConstraint(renamed));
                  });
      case RENAME_TABLE -> {
        return renameRelation(key, a.newName());
      }
      case SET_SCHEMA -> {
        return moveRelation(key, a.newName());
      }
      case SET_ACCESS_METHOD -> accessMethod(key, a.newName());
      case SET_LOGGED -> tables.put(key, t.withUnlogged(false));
      case SET_UNLOGGED -> tables.put(key, t.withUnlogged(true));
      case ATTACH_PARTITION -> {
        if (a.name() != null) {
          String part = qualify(parseName(a.name()));
          boolean isDefault =
              a.expression() != null && a.expression().trim().equalsIgnoreCase("default");
          tables.put(part, tableForAlter(part).withPartitionOf(key, isDefault));
        }
      }
      case DETACH_PARTITION -> {
        if (a.name() != null) {
          String part = qualify(parseName(a.name()));
          tables.put(part, tableForAlter(part).withPartitionOf(null, false));
        }
      }
      case ADD_IDENTITY -> {
        boolean always = a.raw() != null && a.raw().toUpperCase(Locale.ROOT).contains("ALWAYS");
        tables.put(
            key,
            t.mapColumn(
                col,
                c ->
                    c.withGenerated(
                            always
                                ? ColumnDef.Generated.IDENTITY_ALWAYS
                                : ColumnDef.Generated.IDENTITY_BY_DEFAULT)
                        .withNotNull(true)));
      }
      case DROP_IDENTITY, DROP_EXPRESSION ->
          tables.put(key, t.mapColumn(col, c -> c.withGenerated(ColumnDef.Generated.NONE)));
      default -> {
        // options, triggers, statistics…: nothing the model tracks
      }
    }
    return key;
  }

  private void addColumn(String key, ColumnDef def, boolean ifNotExists) {
    CatalogTable t = tables.get(key);
    if (ifNotExists && t.columns().containsKey(def.name())) {
      return;
    }
    TypeName type = def.type();
    boolean serial = type != null && type.isSerial();
    String defaultExpr = def.defaultExpression();
    Volatility vol = def.defaultVolatility();
    if (serial) {
      String seq =
          PgNames.choose(
              t.name(), def.name(), "seq", n -> otherRelations.containsKey(t.schema() + "." + n));
      otherRelations.put(t.schema() + "." + seq, RelationKind.SEQUENCE);
      defaultExpr = "nextval('" + seq + "'::regclass)";
      vol = Volatility.VOLATILE;
      type = new TypeName(type.storageName(), type.modifiers(), type.arrayDimensions(), type.raw());
    }
    boolean identity =
        def.generated() == ColumnDef.Generated.IDENTITY_ALWAYS
            || def.generated() == ColumnDef.Generated.IDENTITY_BY_DEFAULT;
    if (identity) {
      String seq =
          PgNames.choose(
              t.name(), def.name(), "seq", n -> otherRelations.containsKey(t.schema() + "." + n));
      otherRelations.put(t.schema() + "." + seq, RelationKind.SEQUENCE);
    }
    boolean notNull =
        def.notNull()
            || serial
            || identity
            || def.constraints().stream().anyMatch(c -> c.type() == ConstraintType.PRIMARY_KEY);
    tables.put(
        key,
        t.withColumn(
            new CatalogColumn(
                def.name(),
                type,
                notNull,
                defaultExpr,
                vol == null ? Volatility.NONE : vol,
                def.generated() == null ? ColumnDef.Generated.NONE : def.generated())));
    for (ConstraintDef c : def.constraints()) {
      ConstraintDef withColumn =
          c.columns().isEmpty()
              ? new ConstraintDef(
                  c.name(),
                  c.type(),
                  List.of(def.name()),
                  c.expression(),
                  c.referencedTable(),
                  c.referencedColumns(),
                  c.notValid(),
                  c.usingIndex(),
                  c.onDelete(),
                  c.deferrable(),
                  c.actions())
              : c;
      addConstraint(key, withColumn);
    }
  }

  /** The constraint's name, or the one PostgreSQL would generate for it on that table now. */
  public String constraintName(QualifiedName table, ConstraintDef c) {
    if (c.name() != null) {
      return c.name();
    }
    CatalogTable t = table(table).orElse(null);
    String tableName = table.name();
    String schema = table.inSchema(defaultSchema).schema();
    return generatedConstraintName(schema, tableName, t, c);
  }

  private String generatedConstraintName(
      String schema, String tableName, CatalogTable t, ConstraintDef c) {
    Set<String> taken = new HashSet<>();
    if (t != null) {
      t.constraints().forEach(x -> taken.add(x.name()));
    }
    return switch (c.type()) {
      case PRIMARY_KEY ->
          PgNames.choose(
              tableName,
              null,
              "pkey",
              n -> taken.contains(n) || indexes.containsKey(schema + "." + n));
      case UNIQUE ->
          PgNames.choose(
              tableName,
              PgNames.joinColumns(c.columns()),
              "key",
              n -> taken.contains(n) || indexes.containsKey(schema + "." + n));
      case EXCLUDE ->
          PgNames.choose(
              tableName,
              PgNames.joinColumns(c.columns()),
              "excl",
              n -> taken.contains(n) || indexes.containsKey(schema + "." + n));
      // ChooseConstraintName: a name no constraint of the schema has (not only this table's).
      case FOREIGN_KEY ->
          PgNames.choose(
              tableName,
              PgNames.joinColumns(c.columns()),
              "fkey",
              n -> taken.contains(n) || constraintNameUsed(schema, n));
      case NOT_NULL ->
          PgNames.choose(
              tableName,
              c.columns().isEmpty() ? null : c.columns().get(0),
              "not_null",
              n -> taken.contains(n) || constraintNameUsed(schema, n));
      case CHECK ->
          PgNames.choose(
              tableName,
              distinct(c.columns()).size() == 1 ? c.columns().get(0) : null,
              "check",
              n -> taken.contains(n) || constraintNameUsed(schema, n));
    };
  }

  /**
   * True when a table of {@code schema} has a constraint called {@code name} (constraint names are
   * per schema).
   */
  public boolean constraintNameUsed(String schema, String name) {
    for (CatalogTable t : tables.values()) {
      if (t.schema().equals(schema) && t.constraint(name).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static List<String> distinct(List<String> cols) {
    return new ArrayList<>(new java.util.LinkedHashSet<>(cols));
  }

  private void addConstraint(String key, ConstraintDef c) {
    CatalogTable t = tables.get(key);
    // ADD … USING INDEX without a name: the constraint takes the index's name.
    String name =
        c.name() != null
            ? c.name()
            : c.usingIndex() != null
                ? c.usingIndex()
                : generatedConstraintName(t.schema(), t.name(), t, c);
    String index = null;
    List<String> columns = c.columns();
    if (c.needsIndex()) {
      if (c.usingIndex() != null) {
        // PostgreSQL renames the index to the constraint's name; the constraint takes the index's
        // columns.
        String idxKey = t.schema() + "." + c.usingIndex();
        CatalogIndex existing = indexes.remove(idxKey);
        if (existing != null && columns.isEmpty()) {
          columns = existing.columns();
        }
        indexes.put(
            t.schema() + "." + name,
            existing != null
                ? existing.withName(name)
                : new CatalogIndex(t.schema(), name, key, c.columns(), true, true, false));
      } else {
        indexes.put(
            t.schema() + "." + name,
            new CatalogIndex(
                t.schema(),
                name,
                key,
                c.columns(),
                c.type() != ConstraintType.EXCLUDE,
                true,
                false));
      }
      index = name;
    }
    String referenced = c.referencedTable() == null ? null : qualify(c.referencedTable());
    boolean validated = !c.notValid();
    CatalogTable changed =
        t.withConstraint(
            new CatalogConstraint(
                name,
                c.type(),
                columns,
                validated,
                c.type() == ConstraintType.CHECK ? c.expression() : null,
                referenced,
                c.referencedColumns(),
                index,
                c.actions()));
    if (c.type() == ConstraintType.PRIMARY_KEY
        || (c.type() == ConstraintType.NOT_NULL && validated)) {
      for (String col : columns) {
        changed = changed.mapColumn(col, x -> x.withNotNull(true));
      }
    }
    tables.put(key, changed);
  }

  /**
   * The index's name, or the one PostgreSQL generates for an unnamed CREATE INDEX: {@code
   * <table>_<cols>_idx}.
   */
  public String indexName(IndexDef def) {
    if (def.name() != null) {
      return def.name();
    }
    QualifiedName table = def.table().inSchema(defaultSchema);
    return PgNames.choose(
        table.name(),
        PgNames.joinColumns(def.columns()),
        "idx",
        n ->
            indexes.containsKey(table.schema() + "." + n)
                || tables.containsKey(table.schema() + "." + n)
                || otherRelations.containsKey(table.schema() + "." + n));
  }

  /**
   * CREATE STATISTICS: the statistics object and the table it is on; nothing when either is null.
   */
  public void createStatistics(QualifiedName statisticsObject, QualifiedName table) {
    if (statisticsObject != null && table != null) {
      statistics.put(qualify(statisticsObject), qualify(table));
    }
  }

  /** DROP STATISTICS. */
  public void dropStatistics(QualifiedName statisticsObject) {
    statistics.remove(qualify(statisticsObject));
  }

  /** DROP INDEX. */
  public void dropIndex(QualifiedName index) {
    indexes.remove(qualify(index));
  }

  /**
   * Every partition of a table, and theirs, recursively (schema-qualified names), in the order the
   * history created them.
   */
  public List<String> partitionsOf(String qualifiedParent) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, CatalogTable> e : tables.entrySet()) {
      if (qualifiedParent.equals(e.getValue().partitionOf())) {
        out.add(e.getKey());
        out.addAll(partitionsOf(e.getKey()));
      }
    }
    return out;
  }

  /**
   * CREATE INDEX: nothing when the definition is null, or with IF NOT EXISTS when the index exists.
   */
  public void createIndex(IndexDef def, boolean ifNotExists) {
    if (def == null) {
      return;
    }
    QualifiedName table = def.table().inSchema(defaultSchema);
    String name = indexName(def);
    String key = table.schema() + "." + name;
    if (ifNotExists && indexes.containsKey(key)) {
      return;
    }
    CatalogTable t = tables.get(table.toString());
    boolean valid = !(def.only() && t != null && t.partitioned());
    indexes.put(
        key,
        new CatalogIndex(
            table.schema(),
            name,
            table.toString(),
            def.columns(),
            def.unique(),
            valid,
            def.predicate() != null));
  }

  private void dropTable(String key) {
    tables.remove(key);
    statistics.values().removeIf(key::equals);
    triggers.remove(key);
    accessMethods.remove(key);
    indexes.values().removeIf(i -> i.table().equals(key));
    for (Map.Entry<String, CatalogTable> e : new ArrayList<>(tables.entrySet())) {
      CatalogTable t = e.getValue();
      List<CatalogConstraint> kept = new ArrayList<>(t.constraints());
      if (kept.removeIf(c -> key.equals(c.referencedTable()))) {
        tables.put(e.getKey(), t.withConstraints(kept));
      }
    }
  }

  private void dropSchema(String schema) {
    String prefix = schema + ".";
    new ArrayList<>(tables.keySet())
        .stream().filter(k -> k.startsWith(prefix)).forEach(this::dropTable);
    indexes.keySet().removeIf(k -> k.startsWith(prefix));
    otherRelations.keySet().removeIf(k -> k.startsWith(prefix));
    enums.keySet().removeIf(k -> k.startsWith(prefix));
  }

  private void renameColumn(String key, String from, String to) {
    CatalogTable t = tables.get(key);
    if (from == null || to == null) {
      return;
    }
    Map<String, CatalogColumn> cols = new LinkedHashMap<>();
    t.columns()
        .forEach((n, c) -> cols.put(n.equals(from) ? to : n, n.equals(from) ? c.withName(to) : c));
    List<CatalogConstraint> cons = new ArrayList<>();
    for (CatalogConstraint c : t.constraints()) {
      cons.add(c.withColumns(replace(c.columns(), from, to)));
    }
    tables.put(key, t.withColumns(cols).withConstraints(cons));
    for (Map.Entry<String, CatalogIndex> e : indexes.entrySet()) {
      if (e.getValue().table().equals(key)) {
        e.setValue(e.getValue().withColumns(replace(e.getValue().columns(), from, to)));
      }
    }
  }

  private static List<String> replace(List<String> list, String from, String to) {
    List<String> out = new ArrayList<>(list.size());
    for (String s : list) {
      out.add(s.equals(from) ? to : s);
    }
    return out;
  }

  /** RENAME TO keeps the schema. Returns the new key. */
  private String renameRelation(String key, String newName) {
    if (newName == null) {
      return key;
    }
    String schema = key.substring(0, key.lastIndexOf('.'));
    return relocate(key, schema, newName);
  }

  private String moveRelation(String key, String newSchema) {
    if (newSchema == null) {
      return key;
    }
    String name = key.substring(key.lastIndexOf('.') + 1);
    return relocate(key, newSchema, name);
  }

  private String relocate(String key, String schema, String name) {
    String newKey = schema + "." + name;
    CatalogTable t = tables.remove(key);
    if (t != null) {
      tables.put(newKey, t.renamed(schema, name));
      Set<String> tableTriggers = triggers.remove(key);
      if (tableTriggers != null) {
        triggers.put(newKey, tableTriggers);
      }
      String method = accessMethods.remove(key);
      if (method != null) {
        accessMethods.put(newKey, method);
      }
      statistics.replaceAll((stats, table) -> table.equals(key) ? newKey : table);
      for (Map.Entry<String, CatalogIndex> e : new ArrayList<>(indexes.entrySet())) {
        if (e.getValue().table().equals(key)) {
          indexes.remove(e.getKey());
          CatalogIndex moved = e.getValue().withTable(newKey, schema);
          indexes.put(moved.qualifiedName(), moved);
        }
      }
      for (Map.Entry<String, CatalogTable> e : new ArrayList<>(tables.entrySet())) {
        CatalogTable other = e.getValue();
        List<CatalogConstraint> cons = new ArrayList<>();
        boolean changed = false;
        for (CatalogConstraint c : other.constraints()) {
          if (key.equals(c.referencedTable())) {
            c = c.withReferencedTable(newKey);
            changed = true;
          }
          cons.add(c);
        }
        CatalogTable updated = changed ? other.withConstraints(cons) : other;
        if (key.equals(updated.partitionOf())) {
          updated = updated.withPartitionOf(newKey, updated.defaultPartition());
          changed = true;
        }
        if (changed) {
          tables.put(e.getKey(), updated);
        }
      }
      return newKey;
    }
    CatalogIndex i = indexes.remove(key);
    if (i != null) {
      indexes.put(newKey, i.withName(name));
      return newKey;
    }
    RelationKind kind = otherRelations.remove(key);
    if (kind != null) {
      otherRelations.put(newKey, kind);
    }
    List<String> sources = viewSources.remove(key);
    if (sources != null) {
      viewSources.put(newKey, sources);
    }
    if (unpopulated.remove(key)) {
      unpopulated.add(newKey);
    }
    List<String> labels = enums.remove(key);
    if (labels != null) {
      enums.put(newKey, labels);
    }
    return newKey;
  }

  /**
   * Parses {@code schema.name} or {@code name} as written in a sub-command (identifiers folded).
   */
  public static QualifiedName parseName(String written) {
    String w = written.trim();
    int dot = -1;
    boolean quoted = false;
    for (int i = 0; i < w.length(); i++) {
      char ch = w.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == '.' && !quoted) {
        dot = i;
      }
    }
    if (dot < 0) {
      return QualifiedName.of(QualifiedName.fold(w));
    }
    return new QualifiedName(
        QualifiedName.fold(w.substring(0, dot)), QualifiedName.fold(w.substring(dot + 1)));
  }
}
