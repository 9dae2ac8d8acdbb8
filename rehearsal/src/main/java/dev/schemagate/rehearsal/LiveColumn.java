package dev.schemagate.rehearsal;

/**
 * A column of a table as the rehearsal's database has it after the replay.
 *
 * @param type the type as {@code format_type} writes it ({@code character varying(40)})
 * @param baseType the type's name without modifiers ({@code varchar}, {@code int8})
 * @param isEnum whether the type is an enum (values are drawn from {@code enum_range})
 * @param unique part of the primary key or of a one-column unique constraint or index
 * @param maxLength the declared length of a varchar/char column, or -1
 * @param identity an identity column (inserted with OVERRIDING SYSTEM VALUE)
 * @param generated a generated column (never inserted)
 * @param sequence the sequence that fills it (serial or identity), or null
 */
public record LiveColumn(
    String name,
    String type,
    String baseType,
    boolean isEnum,
    boolean notNull,
    boolean hasDefault,
    boolean unique,
    int maxLength,
    boolean identity,
    boolean generated,
    String sequence) {}
