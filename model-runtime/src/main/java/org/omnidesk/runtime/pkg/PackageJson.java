// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads the package's JSON files into records: snake_case names, every field required unless marked otherwise. */
final class PackageJson {

    /** The fix every package error ends with. */
    static final String FIX = "re-export or re-download the model package";

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .annotationIntrospector(new RequiredByDefault())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL))
            .build();

    private static final Pattern MISSING = Pattern.compile("Missing (?:required )?creator property '([^']+)'");

    private PackageJson() {
    }

    /** Parses {@code file} (shown as {@code shown}, a package-relative name) or fails naming the field. */
    static <T> T read(Path file, String shown, Class<T> type) {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (JacksonException e) {
            throw new ModelPackageException(shown + ": " + describe(e) + "; " + FIX, e);
        } catch (IOException e) {
            throw new ModelPackageException(shown + ": cannot be read (" + e.getMessage() + "); " + FIX, e);
        }
    }

    /** "thinker.kv_heads: missing" style text for a mapping failure, else the parser's first line. */
    static String describe(JacksonException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "not valid JSON (" + firstLine(e.getOriginalMessage()) + ")";
        }
        String where = mapping.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String what;
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            what = e.getCause().getMessage();  // the record's own check, which names its field
            return what.startsWith(where) ? what : where + ": " + what;
        }
        Matcher m = MISSING.matcher(e.getOriginalMessage());
        if (m.find()) {
            return where.endsWith(m.group(1)) ? where + ": missing" : where + ": missing field '" + m.group(1) + "'";
        }
        what = firstLine(e.getOriginalMessage());
        return where.isEmpty() ? what : where + ": " + what;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** Every creator property is required unless its {@code @JsonProperty} says {@code required = false}. */
    private static final class RequiredByDefault extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean hasRequiredMarker(AnnotatedMember m) {
            Boolean marked = super.hasRequiredMarker(m);
            return marked != null ? marked : Boolean.TRUE;
        }
    }
}
