package dev.trellis.adapter.web.auth.out.webauthn;

import dev.trellis.application.auth.passkey.PasskeyChallenge;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The passkey plugin's verification values, written and read as Better Auth's JSON.stringify and JSON.parse see them. */
class BetterAuthChallengeRecordsTest {

    final BetterAuthChallengeRecords records = new BetterAuthChallengeRecords();

    @Test
    void a_registration_challenge_is_written_as_better_auth_writes_it() {
        String value = records.write(new PasskeyChallenge("registration", "abc", "u1", "ada@example.com", "ada@example.com"));

        assertThat(value).isEqualTo("{\"type\":\"registration\",\"expectedChallenge\":\"abc\",\"userData\":"
                + "{\"id\":\"u1\",\"name\":\"ada@example.com\",\"displayName\":\"ada@example.com\"},\"context\":null}");
        assertThat(records.read(value)).contains(
                new PasskeyChallenge("registration", "abc", "u1", "ada@example.com", "ada@example.com"));
    }

    @Test
    void an_authentication_challenge_carries_only_the_user_id() {
        String value = records.write(new PasskeyChallenge("authentication", "xyz", "", null, null));

        assertThat(value).isEqualTo("{\"type\":\"authentication\",\"expectedChallenge\":\"xyz\",\"userData\":{\"id\":\"\"}}");
        assertThat(records.read(value)).contains(new PasskeyChallenge("authentication", "xyz", "", null, null));
    }

    @Test
    void anything_else_reads_as_no_challenge() {
        assertThat(records.read("not json")).isEmpty();
        assertThat(records.read("{\"type\":\"magic-link\",\"email\":\"a@b.c\"}")).isEmpty();
        assertThat(records.read("{\"type\":\"authentication\",\"expectedChallenge\":1,\"userData\":{\"id\":\"\"}}")).isEmpty();
    }
}
