/**
 * The signed-in user's files: upload, list, view, download, attach to an item, delete; and the
 * {@link dev.trellis.application.file.FileStorage} port their bytes live behind, whose writes follow the
 * use case's transaction.
 */
package dev.trellis.application.file;
