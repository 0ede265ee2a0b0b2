package dev.trellis.adapter.persistence.tag;

import dev.trellis.adapter.persistence.IdMapping;
import dev.trellis.domain.tag.Tag;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.factory.Mappers;

/** {@link Tag} ↔ {@link TagRow}; the version is set by the adapter (null means "insert"). */
@Mapper(uses = IdMapping.class)
interface TagRowMapper {

    TagRowMapper INSTANCE = Mappers.getMapper(TagRowMapper.class);

    @Mapping(target = "version", ignore = true)
    TagRow toRow(Tag tag);

    // MapStruct takes the record's rename/recolor for fluent setters; the constructor maps everything.
    @Mapping(target = "rename", ignore = true)
    @Mapping(target = "recolor", ignore = true)
    Tag toTag(TagRow row);
}
