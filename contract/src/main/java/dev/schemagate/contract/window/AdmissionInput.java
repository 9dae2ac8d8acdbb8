package dev.schemagate.contract.window;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of an {@code AdmissionRequest} the decision needs.
 *
 * @param kind the object's kind ({@code Deployment}, {@code Rollout}, …)
 * @param operation {@code CREATE}, {@code UPDATE}, {@code DELETE} or {@code CONNECT}
 * @param namespace the request's namespace; may be empty
 * @param dryRun true when the API server will not persist the object
 * @param object the new object; null on DELETE
 * @param oldObject the existing object; null on CREATE
 */
public record AdmissionInput(
    String kind,
    String operation,
    String namespace,
    boolean dryRun,
    JsonNode object,
    JsonNode oldObject) {}
