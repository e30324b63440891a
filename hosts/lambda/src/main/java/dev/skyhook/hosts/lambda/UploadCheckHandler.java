package dev.skyhook.hosts.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.port.in.CheckStoredImageUseCase;
import dev.skyhook.core.port.in.CheckStoredImageUseCase.Checked;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.S3Events;
import dev.skyhook.hosts.lambda.metrics.EmfMetrics;
import dev.skyhook.hosts.lambda.wiring.Container;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs on S3 {@code ObjectCreated} notifications for direct (presigned) uploads, which land under
 * {@code {folder}/direct/}: the same checks as {@code POST /images}, on the stored object; what is
 * refused is deleted, what is kept is counted. Any other key (an image {@code POST /images} already
 * checked and counted, should the notification be wider than {@code direct/}) is neither read nor
 * counted again. A store outage fails the invocation so that Lambda retries the event rather than
 * keep an unchecked object.
 */
public final class UploadCheckHandler implements RequestStreamHandler {
    private final CheckStoredImageUseCase uploadCheck;
    private final EmfMetrics metrics;

    public UploadCheckHandler() {
        this(Container.graph());
    }

    public UploadCheckHandler(LambdaComponent graph) {
        this.uploadCheck = graph.assembly().imageUploads();
        this.metrics = graph.metrics();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocations.run(context, metrics, () -> check(input, output, context));
    }

    private void check(InputStream input, OutputStream output, Context context) throws IOException {
        List<S3Events.CreatedObject> created = S3Events.createdObjects(ApiGatewayHandler.readEvent(input));
        List<Map<String, Object>> refused = new ArrayList<>();
        for (S3Events.CreatedObject object : created) {
            BlobKey key = BlobKey.of("key", object.key());
            Checked checked = uploadCheck.check(key);
            boolean direct = checked.directUpload();
            if (direct && checked.refusal().isEmpty()) {
                // A direct upload bypassed POST /images: it counts once the check keeps it.
                metrics.recordStoredImages(1, object.size());
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put(
                    "event",
                    !direct ? "upload-skipped" : checked.refusal().isPresent() ? "upload-refused" : "upload-checked");
            line.put("requestId", context.getAwsRequestId());
            line.put("key", object.key());
            line.put("size", object.size());
            checked.refusal().ifPresent(r -> {
                line.put("reason", r.reason());
                refused.add(Map.of("key", object.key(), "reason", r.reason()));
            });
            // One JSON line per object: CloudWatch Logs Insights can count and list uploads and refusals.
            System.out.println(Json.writeString(line));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("checked", created.size());
        summary.put("refused", refused);
        output.write(Json.write(summary));
    }
}
