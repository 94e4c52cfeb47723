package org.knetsweep.dashboard;

import java.nio.charset.StandardCharsets;

/** What the server sends back: a status, a content type and the body. */
record Response(int status, String contentType, byte[] body) {
    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    static Response html(String page) {
        return new Response(200, HTML, page.getBytes(StandardCharsets.UTF_8));
    }

    static Response json(byte[] json) {
        return new Response(200, JSON, json);
    }

    static Response notFound() {
        return new Response(404, HTML, Pages.notFound().getBytes(StandardCharsets.UTF_8));
    }

    static Response methodNotAllowed() {
        return new Response(405, TEXT, "405 method not allowed: the dashboard is read-only (GET, HEAD)\n"
                .getBytes(StandardCharsets.UTF_8));
    }

    static Response error(String message) {
        return new Response(500, TEXT, ("500 " + message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
