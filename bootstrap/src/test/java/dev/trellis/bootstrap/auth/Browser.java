package dev.trellis.bootstrap.auth;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test client that behaves like a browser page of a trusted origin: it keeps cookies from
 * {@code Set-Cookie} (dropping expired ones) and sends them back with an {@code Origin} header.
 */
public final class Browser {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final int port;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String origin;

    public Browser(int port, String origin) {
        this.port = port;
        this.origin = origin;
    }

    public Browser origin(String newOrigin) {
        this.origin = newOrigin;
        return this;
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    public void cookie(String name, String value) {
        cookies.put(name, value);
    }

    public Response get(String path, String... headers) throws IOException, InterruptedException {
        return send(request(path, headers).GET().build());
    }

    public Response post(String path, String json, String... headers) throws IOException, InterruptedException {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response patch(String path, String json, String... headers) throws IOException, InterruptedException {
        return send(request(path, headers).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response put(String path, String... headers) throws IOException, InterruptedException {
        return send(request(path, headers).PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    public Response delete(String path, String... headers) throws IOException, InterruptedException {
        return send(request(path, headers).DELETE().build());
    }

    /**
     * A {@code multipart/form-data} POST as a browser's form sends it: the file part {@code file} with
     * {@code filename} written as given (UTF-8) and {@code contentType} (none when {@code null}), then
     * {@code fields} as plain parts.
     */
    public Response upload(String path, String filename, String contentType, byte[] content, Map<String, String> fields,
                           String... headers) throws IOException, InterruptedException {
        String boundary = "----TrellisTestBoundary" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n").getBytes(utf8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(utf8));
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n").getBytes(utf8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(utf8));
        return send(request(path, headers).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    /** A GET whose body is kept as bytes (a file's content). */
    public HttpResponse<byte[]> getBytes(String path, String... headers) throws IOException, InterruptedException {
        return CLIENT.send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        if (!cookies.isEmpty()) {
            builder.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        List<String> setCookies = response.headers().allValues("set-cookie");
        for (String setCookie : setCookies) {
            String pair = setCookie.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (setCookie.contains("Max-Age=0") || value.isEmpty()) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return new Response(response, setCookies);
    }

    public record Response(HttpResponse<String> raw, List<String> setCookies) {
        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }
}
