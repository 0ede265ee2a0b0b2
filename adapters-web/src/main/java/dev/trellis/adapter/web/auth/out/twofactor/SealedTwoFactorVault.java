package dev.trellis.adapter.web.auth.out.twofactor;

import dev.trellis.adapter.web.auth.out.jwt.SecretBox;
import dev.trellis.application.auth.twofactor.TwoFactorVault;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.List;

/**
 * Better Auth's {@code storeBackupCodes: "encrypted"} (its default) and its sealed TOTP secret: both
 * go through {@link SecretBox}; the backup codes are first written as one JSON array of strings,
 * which is what Better Auth seals.
 */
public final class SealedTwoFactorVault implements TwoFactorVault {

    private final SecretBox box;
    private final JsonMapper json = JsonMapper.builder().build();

    public SealedTwoFactorVault(SecretBox box) {
        this.box = box;
    }

    @Override
    public String sealSecret(String secret) {
        return box.seal(secret);
    }

    @Override
    public String openSecret(String sealed) {
        return box.open(sealed);
    }

    @Override
    public String sealBackupCodes(List<String> codes) {
        return box.seal(json.writeValueAsString(codes));
    }

    @Override
    public List<String> openBackupCodes(String sealed) {
        try {
            return Arrays.asList(json.readValue(box.open(sealed), String[].class));
        } catch (JacksonException | IllegalArgumentException | IllegalStateException e) {
            return List.of();
        }
    }
}
