package org.knetsweep.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 requests written byte for byte on a socket, so that a path such as {@code /sweep/../x} reaches the
 * server exactly as given (HTTP clients normalize dot segments).
 */
final class RawHttp {
    record Answer(int status, String headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
            }
            return null;
        }
    }

    private RawHttp() {
    }

    static Answer get(InetSocketAddress server, String rawTarget) throws IOException {
        return request(server, "GET", rawTarget);
    }

    static Answer request(InetSocketAddress server, String method, String rawTarget) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server, 5_000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            String body = method.equals("POST") || method.equals("PUT") ? "x=1" : "";
            String req = method + " " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (body.isEmpty() ? "" : "Content-Length: " + body.length() + "\r\n") + "\r\n" + body;
            out.write(req.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String headers = text.substring(0, end);
            int status = Integer.parseInt(headers.split(" ")[1]);
            byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            String length = new Answer(status, headers, rest).header("Content-Length");
            if (length == null && headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) rest = dechunk(rest);
            return new Answer(status, headers, rest);
        }
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int eol = i;
            while (chunked[eol] != '\r') eol++;
            int size = Integer.parseInt(new String(chunked, i, eol - i, StandardCharsets.ISO_8859_1).trim(), 16);
            if (size == 0) break;
            out.write(chunked, eol + 2, size);
            i = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
