package dev.skyhook.hosts.lambda.events;

import static dev.skyhook.hosts.lambda.events.EventFields.object;
import static dev.skyhook.hosts.lambda.events.EventFields.string;

import dev.skyhook.hosts.api.http.HttpError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** S3 event notifications: the objects an {@code ObjectCreated:*} event announces. */
public final class S3Events {
    private S3Events() {}

    public record CreatedObject(String bucket, String key, long size) {}

    /** Created objects in the event's records; other event kinds (removals, tests) are skipped. */
    @SuppressWarnings("unchecked")
    public static List<CreatedObject> createdObjects(Map<String, Object> event) {
        Object records = event.get("Records");
        if (!(records instanceof List<?> list)) {
            if ("s3:TestEvent".equals(event.get("Event"))) {
                return List.of(); // sent once when a notification is configured
            }
            throw new UnsupportedEventException("not an S3 event: 'Records' must be a list");
        }
        List<CreatedObject> created = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map)) {
                throw new UnsupportedEventException("each S3 record must be an object");
            }
            Map<String, Object> record = (Map<String, Object>) item;
            String eventName = string(record, "eventName");
            if (eventName == null || !eventName.startsWith("ObjectCreated:")) {
                continue;
            }
            Map<String, Object> s3 = object(record, "s3");
            String bucket = string(object(s3, "bucket"), "name");
            Map<String, Object> object = object(s3, "object");
            String key = string(object, "key");
            if (bucket == null || key == null) {
                throw new UnsupportedEventException("an S3 record needs 's3.bucket.name' and 's3.object.key'");
            }
            Object size = object.get("size");
            created.add(new CreatedObject(bucket, decodedKey(key), size instanceof Number n ? n.longValue() : -1));
        }
        return created;
    }

    /** S3 writes keys form-encoded in events: "+" for a space, %XX for the rest (a '%' itself is %25). */
    private static String decodedKey(String key) {
        try {
            return EventSource.S3_NOTIFICATION.decodePath(key);
        } catch (HttpError e) {
            throw new UnsupportedEventException("'s3.object.key' has a malformed percent escape");
        }
    }
}
