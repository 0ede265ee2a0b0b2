/**
 * Tags (the tags table): Spring Data JDBC for writes with the version check, SQL for reads.
 */
package dev.trellis.adapter.persistence.tag;
