package dev.schemagate.rehearsal;

/** A one-column foreign key: {@code column} references {@code parentTable(parentColumn)}. */
public record ForeignKey(String column, String parentTable, String parentColumn) {}
