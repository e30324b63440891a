package dev.skyhook.hosts.lambda.events;

import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.UrlEncoding;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where an event comes from, and in which form it carries the request's path (or an object's key): the one place
 * that says which sources decode before the function sees the event and which do not. Decoding an already-decoded
 * path twice turns {@code 100%25.jpg} (sent) into {@code 100%.jpg} (delivered) into a malformed escape; not decoding
 * an encoded one keeps {@code %20} in a key. The table, with a captured event per source, is in docs/deploy-aws.md.
 */
public enum EventSource {
    /** REST API proxy integration (payload 1.0 without {@code version}): {@code path} as sent, percent-encoded. */
    REST_API(PathForm.PERCENT_ENCODED),
    /** HTTP API with payload format 1.0 ({@code "version": "1.0"}): API Gateway decoded {@code path} already. */
    HTTP_API_V1(PathForm.DECODED),
    /** HTTP API with payload format 2.0: API Gateway decoded {@code rawPath} already, despite its name; {@code rawQueryString} stays encoded. */
    HTTP_API_V2(PathForm.DECODED),
    /**
     * Lambda Function URL (payload 2.0 from {@code <id>.lambda-url.<region>.on.aws}): {@code rawPath} and
     * {@code rawQueryString} as sent, percent-encoded.
     */
    FUNCTION_URL(PathForm.PERCENT_ENCODED),
    /** The passthrough mapping template: the resource template filled with path variables, which API Gateway decoded. */
    MAPPING_TEMPLATE(PathForm.DECODED),
    /** CloudFront origin request (Lambda@Edge): {@code uri} percent-encoded as the viewer sent it; {@code querystring} raw. */
    CLOUDFRONT_ORIGIN_REQUEST(PathForm.PERCENT_ENCODED),
    /** S3 event notification: {@code s3.object.key} form-encoded, {@code +} for a space and {@code %2B} for a plus. */
    S3_NOTIFICATION(PathForm.FORM_ENCODED);

    private enum PathForm {
        PERCENT_ENCODED,
        DECODED,
        FORM_ENCODED
    }

    private static final String FUNCTION_URL_DOMAIN = ".on.aws";
    private static final String FUNCTION_URL_LABEL = ".lambda-url.";

    private final PathForm form;

    EventSource(PathForm form) {
        this.form = form;
    }

    /** Whether the path arrives already decoded, to be routed as it is. */
    public boolean deliversDecodedPaths() {
        return form == PathForm.DECODED;
    }

    /**
     * The path (or key) as the routes and the store name it: decoded once, whatever the source did. A malformed
     * escape in a source that delivers encoded paths is a 400, never a failed invocation.
     */
    public String decodePath(String path) {
        return switch (form) {
            case DECODED -> path;
            case PERCENT_ENCODED -> UrlEncoding.decodePath(path);
            case FORM_ENCODED -> {
                try {
                    yield URLDecoder.decode(path, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw HttpError.badRequest("key", "the key has a malformed percent escape");
                }
            }
        };
    }

    /**
     * A payload 2.0 event's source: a Function URL names its own domain in {@code requestContext.domainName}
     * ({@code <url-id>.lambda-url.<region>.on.aws}, which no custom domain can take); anything else is an HTTP API.
     */
    static EventSource ofPayload2(Map<String, Object> requestContext) {
        String domain = EventFields.string(requestContext, "domainName");
        return domain != null && domain.contains(FUNCTION_URL_LABEL) && domain.endsWith(FUNCTION_URL_DOMAIN)
                ? FUNCTION_URL
                : HTTP_API_V2;
    }
}
