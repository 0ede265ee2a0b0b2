/**
 * Better Auth's {@code passkey} plugin (WebAuthn): registering a signed-in user's passkey, signing in
 * with one, and listing, renaming and deleting them. The rows come from the
 * {@link dev.trellis.application.auth.passkey.PasskeyRepository} port, the checking of what an
 * authenticator answered from the {@link dev.trellis.application.auth.passkey.AuthenticatorResponses} port.
 */
package dev.trellis.application.auth.passkey;
