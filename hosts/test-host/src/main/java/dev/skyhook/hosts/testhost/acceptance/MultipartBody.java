package dev.skyhook.hosts.testhost.acceptance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} body as browsers and curl write it. */
public final class MultipartBody {
    private final String boundary =
            "----SkyhookBoundary" + UUID.randomUUID().toString().replace("-", "");
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public MultipartBody file(String field, String filename, String contentType, byte[] content) {
        return part(
                "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename + "\"\r\n"
                        + "Content-Type: " + contentType + "\r\n",
                content);
    }

    /** A part with exactly these header lines (each ending in CRLF), for unusual clients. */
    public MultipartBody part(String headerLines, byte[] content) {
        body.writeBytes(("--" + boundary + "\r\n" + headerLines + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public MultipartBody field(String name, String value) {
        return part(
                "Content-Disposition: form-data; name=\"" + name + "\"\r\n", value.getBytes(StandardCharsets.UTF_8));
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(body.toByteArray());
        copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return copy.toByteArray();
    }

    public HostRequest post(String target) {
        return new HostRequest("POST", target, java.util.Map.of("Content-Type", contentType()), bytes());
    }
}
