package dev.trellis.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read from the sources, since javac keeps no trace of a package comment: every package of main code
 * says what it holds in a {@code package-info.java}, and no package grows into a room too big to read.
 */
class PackagesDescribeThemselvesTest {

    /** The measure: all lines of a package's main sources, package-info included. */
    static final int MOST_LINES_IN_ONE_PACKAGE = 1_200;

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void every_package_has_a_package_info_with_a_comment() {
        Map<Path, List<Path>> packages = mainPackages();
        assertThat(packages).as("main packages found under %s", REPOSITORY).hasSizeGreaterThan(50);
        List<String> undescribed = packages.entrySet().stream()
                .filter(entry -> entry.getValue().stream().noneMatch(PackagesDescribeThemselvesTest::isDescribingPackageInfo))
                .map(entry -> REPOSITORY.relativize(entry.getKey()).toString())
                .toList();
        assertThat(undescribed).as("packages without a package-info.java that opens with a /** comment */").isEmpty();
    }

    @Test
    void no_package_holds_more_than_the_limit() {
        Map<String, Long> tooBig = new TreeMap<>();
        mainPackages().forEach((directory, files) -> {
            long lines = files.stream().mapToLong(PackagesDescribeThemselvesTest::lines).sum();
            if (lines > MOST_LINES_IN_ONE_PACKAGE) {
                tooBig.put(REPOSITORY.relativize(directory).toString(), lines);
            }
        });
        assertThat(tooBig).as("packages over %d lines: split them by what they hold", MOST_LINES_IN_ONE_PACKAGE).isEmpty();
    }

    private static Map<Path, List<Path>> mainPackages() {
        try (Stream<Path> modules = Files.list(REPOSITORY)) {
            return modules.map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .flatMap(PackagesDescribeThemselvesTest::javaFiles)
                    .collect(Collectors.groupingBy(Path::getParent, TreeMap::new, Collectors.toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> javaFiles(Path sourceRoot) {
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isDescribingPackageInfo(Path file) {
        if (!file.getFileName().toString().equals("package-info.java")) {
            return false;
        }
        try {
            return Files.readString(file).strip().startsWith("/**");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
