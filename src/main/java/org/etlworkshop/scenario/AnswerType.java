package org.etlworkshop.scenario;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The four kinds of answer a question takes; the name is what {@code response_events.answer_type} stores. */
public enum AnswerType {
    NUMBER, TEXT, BOOLEAN, DATE;

    private final String sqlName = name().toLowerCase(); // once, not once per event

    public String sqlName() {
        return sqlName;
    }

    public static Optional<AnswerType> fromName(String name) {
        return Arrays.stream(values()).filter(t -> t.sqlName().equals(name)).findFirst();
    }

    public static String validNames() {
        return Arrays.stream(values()).map(AnswerType::sqlName).collect(Collectors.joining(", "));
    }
}
