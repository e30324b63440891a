package dev.skyhook.hosts.api.images;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.in.RequestDirectUploadCommand;
import dev.skyhook.core.port.in.RequestDirectUploadUseCase;
import dev.skyhook.core.port.in.RequestDirectUploadUseCase.DirectUpload;
import dev.skyhook.core.port.in.UploadImagesCommand;
import dev.skyhook.core.port.in.UploadImagesUseCase;
import dev.skyhook.core.port.in.UploadedFile;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Bodies;
import dev.skyhook.hosts.api.http.JsonObject;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import dev.skyhook.hosts.api.multipart.FilePart;
import dev.skyhook.hosts.api.multipart.MultipartForm;
import dev.skyhook.hosts.api.multipart.MultipartLimits;
import dev.skyhook.hosts.api.multipart.MultipartParser;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /images/{path}} (the original upload API) and {@code POST /uploads} for direct uploads. Both
 * answer in the original's shape, {@code {"statusCode": N, "data": ...}}, which its clients read.
 */
public final class ImageRoutes {
    private static final RouteFamily ERRORS = RouteFamily.IMAGE_UPLOADS;
    private static final int MAX_FIELD_BYTES = 1024;
    /** Text fields are ignored, but each is read: a few are allowed beside the files, not thousands. */
    private static final int MAX_TEXT_FIELDS = 10;

    private static final int MULTIPART_OVERHEAD_BYTES = 64 * 1024;

    private final UploadImagesUseCase uploads;
    private final RequestDirectUploadUseCase directUploads;
    private final MultipartLimits limits;

    public ImageRoutes(UploadImagesUseCase uploads, RequestDirectUploadUseCase directUploads, UploadPolicy policy) {
        this.uploads = uploads;
        this.directUploads = directUploads;
        // The parser's bounds follow the policy; a little room is left for part headers and boundaries.
        this.limits = new MultipartLimits(
                policy.maxFileBytes(),
                policy.maxRequestBytes() + MULTIPART_OVERHEAD_BYTES,
                policy.maxFiles() + MAX_TEXT_FIELDS,
                MAX_FIELD_BYTES);
    }

    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/images", ERRORS, (request, path) -> upload(request, "")),
                Route.of("POST", "/images/{path+}", ERRORS, (request, path) -> upload(request, path.get("path"))),
                Route.of("POST", "/uploads", ERRORS, (request, path) -> requestDirectUpload(request)));
    }

    private ApiResponse upload(ApiRequest request, String folder) {
        if (folder.isEmpty() || folder.contains("/")) {
            // Only a single allowed folder name is a path; say so before reading the body.
            throw DomainException.invalid("path", AllowedPaths.INVALID_PATH);
        }
        MultipartForm form = MultipartParser.parse(request, limits);
        List<UploadedFile> files =
                form.files().stream().map(ImageRoutes::toUploadedFile).toList();
        List<URI> urls = uploads.upload(new UploadImagesCommand(folder, files));
        return ok(urls.stream().map(URI::toString).toList());
    }

    private ApiResponse requestDirectUpload(ApiRequest request) {
        Bodies.requireJson(request, 4096);
        JsonObject body = JsonObject.parse(request.body(), Set.of("path", "contentType", "size"));
        DirectUpload upload = directUploads.request(new RequestDirectUploadCommand(
                body.requiredString("path"),
                body.requiredString("contentType"),
                body.requiredLong("size", "size must be a positive number of bytes")));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("key", upload.key().value());
        data.put("method", upload.upload().method());
        data.put("url", upload.upload().url().toString());
        data.put("headers", upload.upload().headers());
        data.put("expiresAt", upload.upload().expiresAt().toString());
        return ok(data);
    }

    private static UploadedFile toUploadedFile(FilePart part) {
        return new UploadedFile(part.filename(), part.content());
    }

    private static ApiResponse ok(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", 200);
        body.put("data", data);
        return ApiResponse.json(200, body);
    }
}
