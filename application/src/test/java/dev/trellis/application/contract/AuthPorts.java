package dev.trellis.application.contract;

import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.user.UserRepository;

/** The ports of Better Auth's tables under contract, from one store (in-memory or one database). */
public record AuthPorts(SessionRepository sessions, AccountRepository accounts, VerificationRepository verifications,
                        UserRepository users) {
}
