package dev.skyhook.hosts.api.files;

import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.BlobSource;
import dev.skyhook.core.model.FileOwner;
import dev.skyhook.core.port.in.UploadFileCommand;
import dev.skyhook.core.service.FileService;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import dev.skyhook.hosts.api.multipart.MultipartLimits;
import dev.skyhook.hosts.api.multipart.MultipartParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /files} (a {@code file} part and a {@code filename} field) and
 * {@code GET /files?filename=} (a time-limited download URL). Both need a signed-in user, whose
 * files they are (401 without one); the name is the user's own, so another user's file of the same
 * name is a 404 and is never replaced.
 */
public final class FileRoutes {
    /** The original function's answer, which its clients compare. */
    public static final String UPLOADED = "File uploaded!";
    /** Per file on the local server, which streams uploads to disk; Lambda's own payload limit is 6 MB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 1024L * 1024 * 1024;

    private static final RouteFamily ERRORS = RouteFamily.FILES;
    private static final int MAX_FIELD_BYTES = 4096;
    private static final int MAX_PARTS = 4;
    private static final String SPOOL_PREFIX = "skyhook-upload-";
    private static final String SPOOL_SUFFIX = ".part";

    private final FileService files;
    private final MultipartLimits limits;
    private final Path spoolDirectory;

    /** Spools uploads to the system's temporary directory (Lambda's {@code /tmp}, gone with the container). */
    public FileRoutes(FileService files, long maxFileBytes) {
        this(files, maxFileBytes, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Spools uploads to {@code spoolDirectory}, which {@link #openSpool} prepares. */
    public FileRoutes(FileService files, long maxFileBytes, Path spoolDirectory) {
        this.files = files;
        this.limits = new MultipartLimits(maxFileBytes, maxFileBytes + 64 * 1024, MAX_PARTS, MAX_FIELD_BYTES);
        this.spoolDirectory = spoolDirectory;
    }

    /**
     * Creates the spool directory and removes what a killed process left there: an upload cut off
     * by a crash would otherwise stay on disk for good (it is never visible through the API).
     */
    public static Path openSpool(Path directory) {
        try {
            Files.createDirectories(directory);
            try (DirectoryStream<Path> leftovers =
                    Files.newDirectoryStream(directory, SPOOL_PREFIX + "*" + SPOOL_SUFFIX)) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the upload spool directory " + directory, e);
        }
    }

    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/files", ERRORS, (request, path) -> upload(request)),
                Route.of("GET", "/files", ERRORS, (request, path) -> downloadUrl(request)));
    }

    private ApiResponse upload(ApiRequest request) {
        // Before a byte of the body is read: an anonymous upload costs no disk.
        FileOwner owner = owner(request);
        SpooledForm form = new SpooledForm(spoolDirectory);
        try {
            MultipartParser.visit(request, limits, form);
            if (form.file == null) {
                throw HttpError.badRequest("file", "the request has no 'file' part");
            }
            if (form.names.size() > 1) {
                throw HttpError.badRequest("filename", "filename must be given once");
            }
            BlobKey name = UploadFileCommand.fileName(form.names.isEmpty() ? null : form.names.get(0));
            // The whole body has arrived (the file part may come last): the quota is checked on its real size, then
            // stored.
            files.upload(new UploadFileCommand(owner, name, BlobSource.ofFile(form.file), form.contentType));
            return ApiResponse.json(200, UPLOADED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            form.deleteSpool();
        }
    }

    /**
     * Writes the {@code file} part to a temporary file as it arrives, so a large upload never sits in
     * memory and the {@code filename} field may come before or after it.
     */
    private static final class SpooledForm implements MultipartParser.PartVisitor {
        final Path directory;
        final List<String> names = new ArrayList<>();
        Path file;
        String contentType;

        SpooledForm(Path directory) {
            this.directory = directory;
        }

        @Override
        public void file(String fieldName, String filename, String declaredContentType, InputStream content)
                throws IOException {
            if (!fieldName.equals("file")) {
                throw HttpError.badRequest("file", "only a part named 'file' may hold a file");
            }
            if (file != null) {
                throw HttpError.badRequest("file", "only one 'file' part is allowed");
            }
            file = Files.createTempFile(directory, SPOOL_PREFIX, SPOOL_SUFFIX);
            contentType = declaredContentType;
            try (OutputStream out = Files.newOutputStream(file)) {
                content.transferTo(out);
            }
        }

        @Override
        public void field(String name, String value) {
            if (name.equals("filename")) {
                names.add(value);
            }
        }

        void deleteSpool() {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // Nothing refers to it; openSpool removes it at the next start.
                }
            }
        }
    }

    private ApiResponse downloadUrl(ApiRequest request) {
        FileOwner owner = owner(request);
        String filename = request.queryParameter("filename")
                .orElseThrow(() -> HttpError.badRequest("filename", "the filename query parameter is required"));
        return ApiResponse.json(
                200, Map.of("url", files.downloadUrl(owner, filename).url().toString()));
    }

    /** The signed-in user, as the host verified them (Cognito's claims, the local server's token); 401 without one. */
    private static FileOwner owner(ApiRequest http) {
        return FileOwner.of(http.context().authentication().requiredUsername("user"));
    }
}
