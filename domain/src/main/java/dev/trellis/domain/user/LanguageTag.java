package dev.trellis.domain.user;

import dev.trellis.domain.shared.InvalidInput;

import java.util.IllformedLocaleException;
import java.util.Locale;

/** A well-formed BCP 47 language tag, kept in its canonical case ({@code en-us} becomes {@code en-US}). */
public record LanguageTag(String value) {

    public static final LanguageTag ENGLISH = new LanguageTag("en");

    public LanguageTag {
        if (value == null || value.isBlank() || value.length() > 35) {
            throw new InvalidInput("language", "language.invalid", "must be a BCP 47 language tag such as en or pt-BR");
        }
        try {
            value = new Locale.Builder().setLanguageTag(value).build().toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw new InvalidInput("language", "language.invalid", "must be a BCP 47 language tag such as en or pt-BR");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
