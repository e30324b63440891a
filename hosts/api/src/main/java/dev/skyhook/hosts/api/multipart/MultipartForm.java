package dev.skyhook.hosts.api.multipart;

import java.util.List;
import java.util.Map;

/** A parsed {@code multipart/form-data} body: file parts in order, and text fields by name. */
public record MultipartForm(List<FilePart> files, Map<String, List<String>> fields) {
    public MultipartForm {
        files = List.copyOf(files);
        fields = Map.copyOf(fields);
    }
}
