/**
 * The REST resource of the signed-in user's files ({@code /api/files}): upload, list, download,
 * attach to an item, delete; and safe {@code Content-Disposition} headers.
 */
package dev.trellis.adapter.web.file;
