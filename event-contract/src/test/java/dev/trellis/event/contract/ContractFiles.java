package dev.trellis.event.contract;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The schema files as they lie in a folder of {@code <type>/v<n>.json}: the contract's, or the published copies. */
final class ContractFiles {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private ContractFiles() {
    }

    /** The contract's own schema files (on the test class path as a folder). */
    static Map<String, JsonNode> contractSchemas() {
        return read(folder(EventSchemas.class, "schemas"));
    }

    /** The published copies, {@code src/test/resources/published}. */
    static Map<String, JsonNode> publishedSchemas() {
        return read(folder(ContractFiles.class, "/published"));
    }

    static Path folder(Class<?> anchor, String name) {
        try {
            return Path.of(anchor.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code item.created/v1.json} → its JSON, for every {@code <type>/v<n>.json} below the folder. */
    static Map<String, JsonNode> read(Path folder) {
        Map<String, JsonNode> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder, 2)) {
            paths.filter(Files::isRegularFile).filter(path -> path.getNameCount() - folder.getNameCount() == 2)
                    .forEach(path -> {
                        String relative = folder.relativize(path).toString().replace('\\', '/');
                        try {
                            files.put(relative, JSON.readTree(Files.readString(path)));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
