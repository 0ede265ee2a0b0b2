/**
 * Tags that items carry: a name unique across all tags, and a colour.
 */
package dev.trellis.domain.tag;
