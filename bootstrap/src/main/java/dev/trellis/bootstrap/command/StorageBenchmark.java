package dev.trellis.bootstrap.command;

import dev.trellis.application.file.FileStorage;
import dev.trellis.domain.shared.Ids;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Random;

/**
 * Times {@code count} uploads then {@code count} downloads of {@code size} random bytes each through a
 * storage, one at a time, under throwaway keys ({@code bench_<random>/fil_<n>}) deleted afterwards.
 * The bytes are generated as they are read, so the benchmark itself holds no file in memory.
 */
public final class StorageBenchmark {

    /** Throughput up and down, in MB/s (10^6 bytes), and the mean time per file. */
    public record Result(int count, long size, double uploadMBps, double downloadMBps, double uploadMsPerFile,
                         double downloadMsPerFile) {
        @Override
        public String toString() {
            return String.format("%d files of %,d bytes: upload %.1f MB/s (%.1f ms a file), download %.1f MB/s (%.1f ms a file)",
                    count, size, uploadMBps, uploadMsPerFile, downloadMBps, downloadMsPerFile);
        }
    }

    private StorageBenchmark() {
    }

    public static Result run(FileStorage storage, int size, int count) {
        String folder = "bench_" + Ids.nanoid(12).replaceAll("[^A-Za-z0-9_-]", "_");
        try {
            storage.put(folder + "/fil_warmup", new RandomBytes(size, -1));   // connections, JIT
            long up = 0;
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                storage.put(folder + "/fil_" + i, new RandomBytes(size, i));
                up += System.nanoTime() - start;
            }
            long down = 0;
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                try (InputStream in = storage.open(folder + "/fil_" + i).orElseThrow().stream()) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                down += System.nanoTime() - start;
            }
            double bytes = (double) size * count;
            return new Result(count, size, bytes / up * 1e3, bytes / down * 1e3, up / 1e6 / count, down / 1e6 / count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            storage.delete(folder + "/fil_warmup");
            for (int i = 0; i < count; i++) {
                storage.delete(folder + "/fil_" + i);
            }
        }
    }

    /** {@code size} pseudo-random bytes, made as they are read. */
    private static final class RandomBytes extends InputStream {
        private final Random random;
        private long left;

        RandomBytes(long size, long seed) {
            this.random = new Random(seed);
            this.left = size;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, n);
            left -= n;
            return n;
        }
    }
}
