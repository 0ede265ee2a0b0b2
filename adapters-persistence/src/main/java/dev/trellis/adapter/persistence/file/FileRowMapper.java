package dev.trellis.adapter.persistence.file;

import dev.trellis.adapter.persistence.IdMapping;
import dev.trellis.domain.file.StoredFile;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.factory.Mappers;

/** {@link StoredFile} ↔ {@link FileRow}; the version is set by the adapter (null means "insert"). */
@Mapper(uses = IdMapping.class)
interface FileRowMapper {

    FileRowMapper INSTANCE = Mappers.getMapper(FileRowMapper.class);

    @Mapping(target = "version", ignore = true)
    FileRow toRow(StoredFile file);

    // MapStruct takes the record's attachTo for a fluent setter; the constructor maps everything.
    @Mapping(target = "attachTo", ignore = true)
    StoredFile toFile(FileRow row);
}
