package dev.trellis.adapter.web.auth.out.password;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class BetterAuthPasswordHasherTest {

    /*
     * Computed once with Node.js 20, whose crypto.scrypt gives the same bytes as the @noble/hashes
     * scrypt Better Auth uses:
     * node -e "const c=require('crypto');const salt='0123456789abcdef0123456789abcdef';
     *   const k=c.scryptSync('pässwörd'.normalize('NFKC'),salt,64,{N:16384,r:16,p:1,maxmem:128*16384*16*2});
     *   console.log(salt+':'+k.toString('hex'))"
     */
    private static final String NODE_PASSWORD = "p\u00e4ssw\u00f6rd";
    private static final String NODE_HASH = "0123456789abcdef0123456789abcdef:"
            + "92f87c4ed8e525b8635f72bb9ae7e8f443c32a9859661d35fedfbac821eb8b8d"
            + "4ee1606c216e71bd429507ac6c848064277b24aa3e033a117fb24033fba0b48d";

    /*
     * The same command with salt 'fedcba9876543210fedcba9876543210' and the password 'lone\ud800surrogate':
     * JavaScript encodes the lone surrogate as U+FFFD (EF BF BD), not as Java's '?'.
     */
    private static final String NODE_LONE_SURROGATE_HASH = "fedcba9876543210fedcba9876543210:"
            + "72b5f99f23a14c7654361fb3048713efe7128ef45bfa5e6cc70f67755c920e39"
            + "2e400d8e187626e6e293c77fcc834d8596684bc2fa7256ee55dbb308f4466dc1";

    private final BetterAuthPasswordHasher hasher = new BetterAuthPasswordHasher();

    @Test
    void matches_a_hash_computed_by_nodejs() {
        assertThat(hasher.matches(NODE_PASSWORD, NODE_HASH)).isTrue();
    }

    @Test
    void matches_the_nodejs_hash_of_a_password_with_a_lone_surrogate() {
        assertThat(hasher.matches("lone\ud800surrogate", NODE_LONE_SURROGATE_HASH)).isTrue();
        assertThat(hasher.matches("lone?surrogate", NODE_LONE_SURROGATE_HASH)).isFalse();
    }

    @Test
    void a_hash_matches_its_password() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hasher.matches("correct horse battery staple", hash)).isTrue();
    }

    @Test
    void a_wrong_password_does_not_match() {
        assertThat(hasher.matches("p\u00e4ssw\u00f6rt", NODE_HASH)).isFalse();
        assertThat(hasher.matches("P\u00e4ssw\u00f6rd", NODE_HASH)).isFalse();
    }

    @Test
    void a_changed_key_does_not_match() {
        String changed = NODE_HASH.substring(0, NODE_HASH.length() - 1) + "c";

        assertThat(hasher.matches(NODE_PASSWORD, changed)).isFalse();
    }

    @Test
    void a_decomposed_accent_matches_the_composed_one() {
        // "ä" as a + U+0308 and "ö" as o + U+0308: NFKC composes them before hashing
        assertThat(hasher.matches("pa\u0308sswo\u0308rd", NODE_HASH)).isTrue();

        String composed = hasher.hash("caf\u00e9-password");
        assertThat(hasher.matches("cafe\u0301-password", composed)).isTrue();
    }

    @Test
    void a_ligature_matches_its_letters() {
        String hash = hasher.hash("\ufb01nch-password");

        assertThat(hasher.matches("finch-password", hash)).isTrue();
    }

    @Test
    void the_stored_form_is_a_lowercase_hex_salt_and_key() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hash).matches("[0-9a-f]{32}:[0-9a-f]{128}");
    }

    @Test
    void two_hashes_of_one_password_differ_by_their_salt() {
        String first = hasher.hash("correct horse battery staple");
        String second = hasher.hash("correct horse battery staple");

        assertThat(first.substring(0, 32)).isNotEqualTo(second.substring(0, 32));
        assertThat(first).isNotEqualTo(second);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "not a hash",
            ":",
            "0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef:",
            ":92f87c4ed8e525b8635f72bb9ae7e8f443c32a9859661d35fedfbac821eb8b8d4ee1606c216e71bd429507ac6c848064277b24aa3e033a117fb24033fba0b48d",
            // salt one character short
            "0123456789abcdef0123456789abcde:92f87c4ed8e525b8635f72bb9ae7e8f443c32a9859661d35fedfbac821eb8b8d4ee1606c216e71bd429507ac6c848064277b24aa3e033a117fb24033fba0b48d",
            // key one character short
            "0123456789abcdef0123456789abcdef:92f87c4ed8e525b8635f72bb9ae7e8f443c32a9859661d35fedfbac821eb8b8d4ee1606c216e71bd429507ac6c848064277b24aa3e033a117fb24033fba0b48",
            // key with a non-hex character
            "0123456789abcdef0123456789abcdef:z2f87c4ed8e525b8635f72bb9ae7e8f443c32a9859661d35fedfbac821eb8b8d4ee1606c216e71bd429507ac6c848064277b24aa3e033a117fb24033fba0b48d",
            // a third part
            "0123456789abcdef0123456789abcdef:92f87c4ed8e525b8635f72bb9ae7e8f443c32a9859661d35fedfbac821eb8b8d4ee1606c216e71bd429507ac6c848064277b24aa3e033a117fb24033fba0b48d:00",
            // another scheme's hash
            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
    })
    void a_malformed_stored_hash_does_not_match(String storedHash) {
        assertThat(hasher.matches(NODE_PASSWORD, storedHash)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void a_missing_password_does_not_match(String password) {
        assertThat(hasher.matches(password, NODE_HASH)).isFalse();
    }

    @Test
    void hashing_no_password_is_a_programming_error() {
        assertThatNullPointerException().isThrownBy(() -> hasher.hash(null));
    }

    @Test
    void works_as_spring_securitys_password_encoder() {
        PasswordEncoder encoder = hasher;
        String encoded = encoder.encode(new StringBuilder("correct horse battery staple"));

        assertThat(encoder.matches("correct horse battery staple", encoded)).isTrue();
        assertThat(encoder.matches(new StringBuilder(NODE_PASSWORD), NODE_HASH)).isTrue();
        assertThat(encoder.matches("wrong", encoded)).isFalse();
        assertThat(encoder.matches(null, encoded)).isFalse();
        assertThat(encoder.matches(NODE_PASSWORD, null)).isFalse();
        assertThat(encoder.encode(null)).isNull(); // Spring Security's contract
        assertThat(encoder.upgradeEncoding(encoded)).isFalse();
    }
}
