package dev.schemagate.operations.op;

/** The header comments of files whose body is one statement or a list of queries. */
final class Headers {

  private Headers() {}

  static String backfill(String label, String from, String to) {
    return "-- "
        + label
        + " backfill: fills "
        + to
        + " from "
        + from
        + " for the rows written before the expand,\n"
        + "-- batch by batch over the table's key; rows written since are kept right by the sync trigger,\n"
        + "-- and rows already right are skipped, so running it again changes nothing.\n";
  }

  static String verify(String label) {
    return "-- "
        + label
        + " verify: the runner runs these queries right before the contract and refuses the\n"
        + "-- contract while any of them returns a row (it shows the first rows).\n\n";
  }
}
