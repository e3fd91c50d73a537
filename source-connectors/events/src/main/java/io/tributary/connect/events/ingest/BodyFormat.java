package io.tributary.connect.events.ingest;

import java.util.Locale;

/** How a request body holds its events, by its Content-Type. */
public enum BodyFormat {
    /** {@code application/json}: one JSON object, or a JSON array of them. */
    JSON,
    /** {@code application/x-ndjson} (or {@code application/jsonl}): one JSON object per line. */
    NDJSON;

    /** The format of a Content-Type header, or null when events cannot be read from it. */
    public static BodyFormat of(String contentType) {
        if (contentType == null) {
            return null;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters))
                .trim().toLowerCase(Locale.ROOT);
        if (parameters >= 0 && !charsetIsUtf8(contentType.substring(parameters + 1))) {
            return null;
        }
        return switch (mediaType) {
            case "application/json" -> JSON;
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines" ->
                    NDJSON;
            default -> null;
        };
    }

    private static boolean charsetIsUtf8(String parameters) {
        for (String parameter : parameters.split(";")) {
            String[] nameValue = parameter.trim().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase("charset")) {
                String charset = nameValue[1].trim().replace("\"", "");
                return charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
            }
        }
        return true;
    }

    public static final String ACCEPTED = "application/json, application/x-ndjson (UTF-8)";
}
