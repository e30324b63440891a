package dev.skyhook.hosts.api.multipart;

/** One file part: the form field name, the client's filename (may be null) and the bytes. */
public record FilePart(String fieldName, String filename, String declaredContentType, byte[] content) {}
