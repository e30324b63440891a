package dev.skyhook.hosts.api.multipart;

import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.HttpError;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadByteCountLimitException;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.RequestContext;

/**
 * {@code multipart/form-data} (RFC 7578) with Apache Commons FileUpload's streaming parser, the
 * same in every host. Limits are enforced while reading. Filenames are read as UTF-8, as browsers
 * send them, and {@code filename*} (RFC 5987) wins over {@code filename} when both are present.
 */
public final class MultipartParser {
    private MultipartParser() {}

    /** What to do with each part as it arrives; a file's stream is valid only during the call. */
    public interface PartVisitor {
        void file(String fieldName, String filename, String declaredContentType, InputStream content)
                throws IOException;

        void field(String name, String value);
    }

    /** The whole form in memory: for bodies that are small by their route's limits. */
    public static MultipartForm parse(ApiRequest request, MultipartLimits limits) {
        List<FilePart> files = new ArrayList<>();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        visit(request, limits, new PartVisitor() {
            @Override
            public void file(String fieldName, String filename, String declaredContentType, InputStream content)
                    throws IOException {
                files.add(new FilePart(fieldName, filename, declaredContentType, content.readAllBytes()));
            }

            @Override
            public void field(String name, String value) {
                fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        });
        return new MultipartForm(files, fields);
    }

    /** Reads the body part by part as it arrives, enforcing the limits while reading. */
    public static void visit(ApiRequest request, MultipartLimits limits, PartVisitor visitor) {
        String contentType = request.header("Content-Type").orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw HttpError.unsupportedMediaType("multipart/form-data");
        }
        long length = request.content().length();
        if (length == 0) {
            throw HttpError.badRequest("body", "the request body is empty");
        }
        if (length > limits.maxBodyBytes()) {
            throw HttpError.payloadTooLarge(limits.maxBodyBytes());
        }
        Upload upload = new Upload();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        upload.setMaxSize(limits.maxBodyBytes());
        upload.setMaxFileSize(limits.maxFileBytes());
        try (InputStream body = length < 0 ? nonEmpty(request.content().stream()) : request.content().stream()) {
            FileItemInputIterator items = upload.getItemIterator(new BodyContext(contentType, body, length));
            read(items, limits, visitor);
        } catch (FileUploadByteCountLimitException e) {
            throw new HttpError(
                    413,
                    "file " + quoted(e.getFileName()) + " is larger than " + limits.maxFileBytes() + " bytes",
                    "file",
                    null);
        } catch (FileUploadSizeException e) {
            throw e.getMessage() != null && e.getMessage().contains("eader")
                    ? HttpError.badRequest("body", "a part's headers are too large")
                    : HttpError.payloadTooLarge(limits.maxBodyBytes());
        } catch (FileUploadException e) {
            throw HttpError.badRequest("body", "the multipart body is malformed: " + describe(e));
        } catch (IOException e) {
            // A truncated body or a boundary that never appears ends the stream early.
            throw HttpError.badRequest("body", "the multipart body is malformed: " + describe(e));
        }
    }

    /**
     * A stream of unknown length, refused when it has no byte at all. A non-empty body whose parts
     * are all skipped (no form-data disposition) is an empty form, as it is for a body in memory.
     */
    private static InputStream nonEmpty(InputStream stream) throws IOException {
        PushbackInputStream peekable = new PushbackInputStream(stream, 1);
        int first = peekable.read();
        if (first < 0) {
            throw HttpError.badRequest("body", "the request body is empty");
        }
        peekable.unread(first);
        return peekable;
    }

    private static void read(FileItemInputIterator items, MultipartLimits limits, PartVisitor visitor)
            throws IOException {
        int parts = 0;
        while (items.hasNext()) {
            FileItemInput item = items.next();
            // FileUpload's file count limit applies to parseRequest only, never to the streaming iterator.
            if (++parts > limits.maxParts()) {
                throw tooManyParts(limits);
            }
            try (InputStream in = item.getInputStream()) {
                if (item.isFormField()) {
                    byte[] value = in.readNBytes(limits.maxFieldBytes() + 1);
                    if (value.length > limits.maxFieldBytes()) {
                        throw HttpError.badRequest(
                                item.getFieldName(),
                                "field " + item.getFieldName() + " is longer than " + limits.maxFieldBytes()
                                        + " bytes");
                    }
                    visitor.field(item.getFieldName(), new String(value, StandardCharsets.UTF_8));
                } else {
                    visitor.file(item.getFieldName(), filename(item), item.getContentType(), in);
                }
            }
        }
    }

    private static HttpError tooManyParts(MultipartLimits limits) {
        return new HttpError(413, "too many parts: at most " + limits.maxParts(), "file", null);
    }

    /** {@code filename*=UTF-8''%ED%95%9C.jpg} when present (RFC 5987), else the plain {@code filename}. */
    static String filename(FileItemInput item) {
        String disposition = item.getHeaders().getHeader("Content-Disposition");
        String extended = disposition == null ? null : parameter(disposition, "filename*");
        if (extended != null) {
            int quote = extended.indexOf('\'');
            int second = quote < 0 ? -1 : extended.indexOf('\'', quote + 1);
            if (second > 0) {
                try {
                    Charset charset = Charset.forName(extended.substring(0, quote));
                    return URLDecoder.decode(extended.substring(second + 1).replace("+", "%2B"), charset);
                } catch (IllegalArgumentException e) {
                    // An unknown charset or a bad escape: fall back to the plain filename.
                }
            }
        }
        try {
            return item.getName();
        } catch (InvalidPathException e) {
            // FileUpload refuses a NUL in the plain filename with an unchecked exception.
            throw HttpError.badRequest("filename", "filename must not contain a NUL character");
        }
    }

    private static String parameter(String header, String name) {
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String value = part.substring(eq + 1).strip();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1)
                        : value;
            }
        }
        return null;
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    private static String quoted(String name) {
        return name == null ? "(unnamed)" : "'" + name + "'";
    }

    /** The body as FileUpload reads a request. */
    private record BodyContext(String contentType, InputStream body, long length) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return length;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }

    /** FileUpload's parser without a servlet: only the streaming iterator is used. */
    private static final class Upload extends AbstractFileUpload<RequestContext, DiskFileItem, DiskFileItemFactory> {
        @Override
        public FileItemInputIterator getItemIterator(RequestContext context) throws FileUploadException, IOException {
            return super.getItemIterator(context);
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(RequestContext context) {
            throw new UnsupportedOperationException("only streaming is used");
        }

        @Override
        public List<DiskFileItem> parseRequest(RequestContext context) {
            throw new UnsupportedOperationException("only streaming is used");
        }
    }
}
