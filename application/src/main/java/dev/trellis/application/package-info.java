/**
 * The use cases, one class per activity ({@code CreateItem}, {@code SignInWithEmail}), grouped by feature
 * ({@code item}, {@code tag}, {@code user}, {@code file}, {@code auth}, {@code snapshot}), and the ports they
 * need beside them; a use case acting for a signed-in user takes the caller first, {@code handle(caller, command)}, as
 * auth's do. Here at the root: who asks ({@link dev.trellis.application.RequestContext}) and the
 * failures every feature shares (precondition failed, forbidden, conflicting state).
 */
package dev.trellis.application;
