package dev.schemagate.analyzer.statement;

/**
 * One sub-command of an ALTER statement. Only the fields that the {@link #kind()} uses are set; the
 * others are null (or false).
 *
 * <ul>
 *   <li>{@code ADD_COLUMN}: {@link #columnDef()}, {@link #ifNotExists()}
 *   <li>{@code DROP_COLUMN}, {@code DROP_DEFAULT}, {@code SET_NOT_NULL}, {@code DROP_NOT_NULL},
 *       {@code DROP_EXPRESSION}, {@code DROP_IDENTITY}, {@code SET_STATISTICS}, {@code
 *       SET_STORAGE}, {@code SET_COMPRESSION}: {@link #column()}
 *   <li>{@code ALTER_COLUMN_TYPE}: {@link #column()}, {@link #type()}, {@link #expression()} =
 *       USING
 *   <li>{@code SET_DEFAULT}: {@link #column()}, {@link #expression()}
 *   <li>{@code SET_EXPRESSION}: {@link #column()}, {@link #expression()}
 *   <li>{@code ADD_IDENTITY}: {@link #column()}
 *   <li>{@code ADD_CONSTRAINT}: {@link #constraint()}
 *   <li>{@code VALIDATE_CONSTRAINT}, {@code DROP_CONSTRAINT}, {@code ALTER_CONSTRAINT}: {@link
 *       #name()}
 *   <li>{@code RENAME_COLUMN}, {@code RENAME_CONSTRAINT}, {@code RENAME_ENUM_VALUE}: {@link
 *       #name()} → {@link #newName()}
 *   <li>{@code RENAME_TABLE}, {@code SET_SCHEMA}, {@code SET_TABLESPACE}, {@code OWNER_TO}: {@link
 *       #newName()}
 *   <li>{@code ATTACH_PARTITION}, {@code DETACH_PARTITION}: {@link #name()} = the partition
 *       (qualified as written), {@link #expression()} = the bound; {@link #concurrently()}
 *   <li>{@code ADD_ENUM_VALUE}: {@link #newName()} = the new label, {@link #expression()} = {@code
 *       BEFORE 'x'} / {@code AFTER 'x'} or null
 * </ul>
 *
 * @param raw the sub-command's text as written, always set
 */
public record AlterAction(
    ActionKind kind,
    String column,
    ColumnDef columnDef,
    TypeName type,
    String expression,
    ConstraintDef constraint,
    String name,
    String newName,
    boolean ifExists,
    boolean ifNotExists,
    boolean cascade,
    boolean concurrently,
    String raw) {

  /** A builder, because most actions set two or three of the fields. */
  public static Builder of(ActionKind kind, String raw) {
    return new Builder(kind, raw);
  }

  public static final class Builder {
    private final ActionKind kind;
    private final String raw;
    private String column;
    private ColumnDef columnDef;
    private TypeName type;
    private String expression;
    private ConstraintDef constraint;
    private String name;
    private String newName;
    private boolean ifExists;
    private boolean ifNotExists;
    private boolean cascade;
    private boolean concurrently;

    private Builder(ActionKind kind, String raw) {
      this.kind = kind;
      this.raw = raw;
    }

    public Builder column(String v) {
      column = v;
      return this;
    }

    public Builder columnDef(ColumnDef v) {
      columnDef = v;
      column = v == null ? column : v.name();
      return this;
    }

    public Builder type(TypeName v) {
      type = v;
      return this;
    }

    public Builder expression(String v) {
      expression = v;
      return this;
    }

    public Builder constraint(ConstraintDef v) {
      constraint = v;
      return this;
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder newName(String v) {
      newName = v;
      return this;
    }

    public Builder ifExists(boolean v) {
      ifExists = v;
      return this;
    }

    public Builder ifNotExists(boolean v) {
      ifNotExists = v;
      return this;
    }

    public Builder cascade(boolean v) {
      cascade = v;
      return this;
    }

    public Builder concurrently(boolean v) {
      concurrently = v;
      return this;
    }

    public AlterAction build() {
      return new AlterAction(
          kind,
          column,
          columnDef,
          type,
          expression,
          constraint,
          name,
          newName,
          ifExists,
          ifNotExists,
          cascade,
          concurrently,
          raw);
    }
  }
}
