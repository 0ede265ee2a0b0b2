/**
 * The driving side of Better Auth's protocol: requests come in through the endpoints
 * ({@code endpoint}), the servlet filters ({@code filter}) and the cookies ({@code cookie}), with the
 * steps plugins add to core endpoints ({@code plugin}); failures go
 * out in Better Auth's shape ({@code error}).
 */
package dev.trellis.adapter.web.auth.in;
