package dev.skyhook.hosts.lambda.events;

import java.util.List;
import java.util.Map;

/** The CloudFront (Lambda@Edge) origin-request event: {@code Records[0].cf.request}. */
public final class CloudFrontEvents {
    private CloudFrontEvents() {}

    /** The request of the event's first record, as CloudFront sent it. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> request(Map<String, Object> event) {
        Object records = event.get("Records");
        if (!(records instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof Map<?, ?> record)) {
            throw new UnsupportedEventException("not a CloudFront event: 'Records[0]' is missing");
        }
        Map<String, Object> request =
                EventFields.object(EventFields.object((Map<String, Object>) record, "cf"), "request");
        if (request.isEmpty() || EventFields.string(request, "uri") == null) {
            throw new UnsupportedEventException(
                    "not a CloudFront request event: 'Records[0].cf.request.uri' is missing");
        }
        return request;
    }

    /** The request's raw (percent-encoded) URI, starting with '/'. */
    public static String uri(Map<String, Object> request) {
        return EventFields.string(request, "uri");
    }

    /** The raw query string without '?', empty when there is none. */
    public static String querystring(Map<String, Object> request) {
        String query = EventFields.string(request, "querystring");
        return query == null ? "" : query;
    }
}
