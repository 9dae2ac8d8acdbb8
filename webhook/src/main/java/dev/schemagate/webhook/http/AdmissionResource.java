package dev.schemagate.webhook.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.schemagate.contract.window.AdmissionDecider;
import dev.schemagate.contract.window.EnforcementMode;
import dev.schemagate.contract.window.Verdict;
import dev.schemagate.webhook.WebhookConfig;
import dev.schemagate.webhook.state.SchemaStateCache;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The validating webhook: {@code POST /validate} takes an {@code admission.k8s.io/v1}
 * AdmissionReview and answers with the same version. A body that is not one gets 400 with the
 * reason; an admission decision never blocks (it reads the in-memory SchemaState cache).
 */
@Path("/")
public class AdmissionResource {

  private static final Logger LOG = Logger.getLogger(AdmissionResource.class);

  private final AdmissionDecider decider;
  private final SchemaStateCache cache;
  private final DecisionMetrics metrics;
  private final ObjectMapper mapper;
  private final ObjectReader reader;

  @Inject
  public AdmissionResource(
      WebhookConfig config, SchemaStateCache cache, DecisionMetrics metrics, ObjectMapper mapper) {
    Set<String> exempt = new HashSet<>();
    config.exemptNamespaces().forEach(n -> exempt.add(n.trim()));
    this.decider = new AdmissionDecider(EnforcementMode.parse(config.mode()), exempt);
    this.cache = cache;
    this.metrics = metrics;
    this.mapper = mapper;
    this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  @POST
  @Path("validate")
  @NonBlocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response validate(byte[] body) {
    long start = System.nanoTime();
    try {
      ReviewRequest request = ReviewRequest.of(parse(body));
      Verdict verdict;
      try {
        verdict = decider.decide(request.input(), cache.windows());
      } catch (RuntimeException e) {
        // Fail closed with an answer, never a 500: the API server then shows the reason.
        LOG.errorf(e, "decision failed for request %s", request.uid());
        return ok(denial(request.uid(), 500, "schemagate could not decide: " + e));
      }
      metrics.count(verdict, decider.mode());
      return ok(response(request.uid(), verdict));
    } catch (BadReview e) {
      metrics.countRejected(decider.mode());
      return Response.status(400).type(MediaType.TEXT_PLAIN).entity(e.getMessage() + "\n").build();
    } finally {
      metrics.record(System.nanoTime() - start);
    }
  }

  /** The floor for the load benchmark: parses the review the same way and always allows. */
  @POST
  @Path("allow")
  @NonBlocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response allow(byte[] body) {
    try {
      ReviewRequest request = ReviewRequest.of(parse(body));
      return ok(new AdmissionResponseBuilder().withUid(request.uid()).withAllowed(true).build());
    } catch (BadReview e) {
      return Response.status(400).type(MediaType.TEXT_PLAIN).entity(e.getMessage() + "\n").build();
    }
  }

  private JsonNode parse(byte[] body) throws BadReview {
    if (body == null || body.length == 0) {
      throw new BadReview("empty body; expected an AdmissionReview");
    }
    try {
      return reader.readTree(body);
    } catch (JacksonException e) {
      throw new BadReview("body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadReview("body could not be read: " + e.getMessage());
    }
  }

  private static AdmissionResponse response(String uid, Verdict v) {
    AdmissionResponseBuilder b =
        new AdmissionResponseBuilder()
            .withUid(uid)
            .withAllowed(v.allowed())
            .withAuditAnnotations(v.auditAnnotations());
    if (!v.warnings().isEmpty()) {
      b.withWarnings(v.warnings());
    }
    if (!v.allowed()) {
      b.withStatus(
          new StatusBuilder()
              .withCode(403)
              .withReason("Forbidden")
              .withMessage(v.message())
              .build());
    }
    return b.build();
  }

  private static AdmissionResponse denial(String uid, int code, String message) {
    return new AdmissionResponseBuilder()
        .withUid(uid)
        .withAllowed(false)
        .withAuditAnnotations(Map.of("decision", "deny", "reason", "internal-error"))
        .withStatus(new StatusBuilder().withCode(code).withMessage(message).build())
        .build();
  }

  private Response ok(AdmissionResponse response) {
    AdmissionReview review =
        new AdmissionReviewBuilder()
            .withApiVersion(ReviewRequest.API_VERSION)
            .withKind("AdmissionReview")
            .withResponse(response)
            .build();
    try {
      return Response.ok(mapper.writeValueAsBytes(review), MediaType.APPLICATION_JSON).build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write AdmissionReview", e);
    }
  }
}
