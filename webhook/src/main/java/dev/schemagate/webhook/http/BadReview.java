package dev.schemagate.webhook.http;

/** An HTTP body that is not an admission.k8s.io/v1 AdmissionReview request; answered with 400. */
final class BadReview extends Exception {
  BadReview(String message) {
    super(message, null, false, false);
  }
}
