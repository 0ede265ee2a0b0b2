/**
 * File references: a stored file's id, owner, client file name and checked content type. The bytes live
 * behind the application's file storage port; the domain holds only what describes them.
 */
package dev.trellis.domain.file;
