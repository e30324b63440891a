package dev.skyhook.hosts.api.files;

import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.port.in.GetFileUrlUseCase;
import dev.skyhook.core.port.in.UploadFileCommand;
import dev.skyhook.core.port.in.UploadFileUseCase;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.ErrorFormat;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.multipart.FilePart;
import dev.skyhook.hosts.api.multipart.MultipartForm;
import dev.skyhook.hosts.api.multipart.MultipartLimits;
import dev.skyhook.hosts.api.multipart.MultipartParser;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /files} (a {@code file} part and a {@code filename} field) and
 * {@code GET /files?filename=} (a time-limited download URL), SPEC section 2.
 */
public final class FileRoutes {
    /** The seed's answer, which its clients compare. */
    public static final String UPLOADED = "File uploaded!";
    /** Per file, below the local server's 32 MB request limit; Lambda's own payload limit is 6 MB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 25L * 1024 * 1024;
    private static final ErrorFormat ERRORS = ErrorFormat.errorField("The file store is unavailable; try again");
    private static final int MAX_FIELD_BYTES = 4096;
    private static final int MAX_PARTS = 4;

    private final UploadFileUseCase uploads;
    private final GetFileUrlUseCase urls;
    private final MultipartLimits limits;

    public FileRoutes(UploadFileUseCase uploads, GetFileUrlUseCase urls, long maxFileBytes) {
        this.uploads = uploads;
        this.urls = urls;
        this.limits = new MultipartLimits(maxFileBytes, maxFileBytes + 64 * 1024, MAX_PARTS, MAX_FIELD_BYTES);
    }

    public List<Route> routes() {
        return List.of(
            Route.of("POST", "/files", ERRORS, (request, path) -> upload(request)),
            Route.of("GET", "/files", ERRORS, (request, path) -> downloadUrl(request)));
    }

    private ApiResponse upload(ApiRequest request) {
        MultipartForm form = MultipartParser.parse(request, limits);
        List<FilePart> fileParts = form.files().stream().filter(part -> part.fieldName().equals("file")).toList();
        if (form.files().size() != fileParts.size()) {
            throw HttpError.badRequest("file", "only a part named 'file' may hold a file");
        }
        if (fileParts.isEmpty()) {
            throw HttpError.badRequest("file", "the request has no 'file' part");
        }
        if (fileParts.size() > 1) {
            throw HttpError.badRequest("file", "only one 'file' part is allowed");
        }
        List<String> names = form.fields().getOrDefault("filename", List.of());
        if (names.size() > 1) {
            throw HttpError.badRequest("filename", "filename must be given once");
        }
        BlobKey name = UploadFileCommand.fileName(names.isEmpty() ? null : names.get(0));
        FilePart file = fileParts.get(0);
        uploads.upload(new UploadFileCommand(name, new ByteArrayInputStream(file.content()), file.content().length,
            file.declaredContentType()));
        return ApiResponse.json(200, UPLOADED);
    }

    private ApiResponse downloadUrl(ApiRequest request) {
        String filename = request.queryParameter("filename")
            .orElseThrow(() -> HttpError.badRequest("filename", "the filename query parameter is required"));
        return ApiResponse.json(200, Map.of("url", urls.downloadUrl(filename).url().toString()));
    }
}
