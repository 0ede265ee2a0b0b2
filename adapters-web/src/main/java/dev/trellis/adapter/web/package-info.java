/**
 * The web adapter, Trellis over HTTP: the REST resources by feature
 * ({@code item}, {@code tag}, {@code file}, {@code user}), the public event contract ({@code events}),
 * helpers they share ({@code common}), the one place that turns failures into response bodies
 * ({@code error}), and Better Auth's protocol ({@code auth}) with both its sides.
 */
package dev.trellis.adapter.web;
