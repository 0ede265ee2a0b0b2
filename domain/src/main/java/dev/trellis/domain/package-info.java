/**
 * The model of Trellis in plain Java: users, Better Auth's stored records, items, tags and files,
 * their value objects and the repositories (ports) the application reads and writes them through.
 * No framework, no JDBC: an ArchUnit rule keeps it so.
 */
package dev.trellis.domain;
