package dev.trellis.bootstrap.files;

import dev.trellis.adapter.s3.testing.TestS3Server;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.auth.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static dev.trellis.bootstrap.files.FileBookkeepingContract.png;
import static dev.trellis.bootstrap.files.FileBookkeepingContract.upload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a link lifetime set, a download is a 302 to a short-lived presigned URL of the bucket, which
 * serves the bytes with the stored type and the same disposition; another user still gets 404.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "BETTER_AUTH_URL=http://localhost:3000",
        "trellis.auth.rate-limit.enabled=false"})
class FileLinksOnS3Test {

    @DynamicPropertySource
    static void s3WithLinks(DynamicPropertyRegistry registry) {
        FileBookkeepingContract.ownDatabase(registry, "files_s3_links");
        TestS3Server.get().applicationProperties("trellis-links").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("trellis.files.s3.link-lifetime", () -> "2m");
    }

    @LocalServerPort
    int port;

    @Test
    void a_download_redirects_to_a_presigned_url_that_serves_the_bytes() throws Exception {
        Browser owner = signedUp();
        byte[] png = png(70_000);
        String id = upload(owner, "holiday photo.png", png, Map.of());

        HttpResponse<byte[]> redirect = owner.getBytes("/api/files/" + id + "/content");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("cache-control")).contains("private, no-store");
        URI link = URI.create(redirect.headers().firstValue("location").orElseThrow());
        assertThat(link.toString()).startsWith(TestS3Server.get().endpoint() + "/trellis-links/").contains("X-Amz-Expires=120");

        HttpResponse<byte[]> bytes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.body()).isEqualTo(png);
        assertThat(bytes.headers().firstValue("content-type")).contains("image/png");
        assertThat(bytes.headers().firstValue("content-disposition").orElseThrow()).startsWith("inline; filename=\"holiday photo.png\"");

        assertThat(signedUp().getBytes("/api/files/" + id + "/content").statusCode()).as("another user's file").isEqualTo(404);
    }

    private Browser signedUp() throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        var response = browser.post("/api/auth/sign-up/email",
                "{\"name\":\"Link User\",\"email\":\"" + AuthTestSupport.Emails.next() + "\",\"password\":\"password-123\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return browser;
    }
}
