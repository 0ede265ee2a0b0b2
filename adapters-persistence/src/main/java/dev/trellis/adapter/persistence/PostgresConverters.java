package dev.trellis.adapter.persistence;

import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.user.Theme;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.jdbc.core.mapping.JdbcValue;

import java.sql.JDBCType;
import java.util.List;

/**
 * Spring Data JDBC binds Java enums as varchar, which PostgreSQL refuses for its enum columns
 * ("column is of type item_status but expression is of type character varying"). These converters
 * send the lower-case label untyped ({@link JDBCType#OTHER}) so the server casts it.
 * Registered by the application's JDBC configuration.
 */
public final class PostgresConverters {

    private PostgresConverters() {
    }

    public static List<Object> all() {
        return List.of(new ItemStatusWriter(), new ItemStatusReader(), new ThemeWriter(), new ThemeReader());
    }

    @WritingConverter
    static final class ItemStatusWriter implements Converter<ItemStatus, JdbcValue> {
        @Override
        public JdbcValue convert(ItemStatus source) {
            return JdbcValue.of(source.code(), JDBCType.OTHER);
        }
    }

    @ReadingConverter
    static final class ItemStatusReader implements Converter<String, ItemStatus> {
        @Override
        public ItemStatus convert(String source) {
            return ItemStatus.fromCode(source);
        }
    }

    @WritingConverter
    static final class ThemeWriter implements Converter<Theme, JdbcValue> {
        @Override
        public JdbcValue convert(Theme source) {
            return JdbcValue.of(source.code(), JDBCType.OTHER);
        }
    }

    @ReadingConverter
    static final class ThemeReader implements Converter<String, Theme> {
        @Override
        public Theme convert(String source) {
            return Theme.fromCode(source);
        }
    }
}
