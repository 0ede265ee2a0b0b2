package dev.trellis.domain.auth;

import dev.trellis.domain.shared.Ids;

/** An {@code account} row's id: Trellis makes {@code acc_} + 24; a Better Auth server's are read as well. */
public record AccountId(String value) {

    public AccountId {
        Ids.requireAuthId(value, "accountId");
    }

    public static AccountId generate() {
        return new AccountId("acc_" + Ids.nanoid(24));
    }

    @Override
    public String toString() {
        return value;
    }
}
