package dev.baton.server.gateway;

import java.util.ArrayList;
import java.util.List;

/** Server-sent events parsed from a whole response body: each event's name (null when none) and data. */
record SseEvents(List<Event> events) {

    record Event(String name, String data) {
    }

    static SseEvents parse(String body) {
        List<Event> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.isBlank()) continue;
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) name = line.substring(7);
                else if (line.startsWith("data: ")) data.append(line.substring(6));
            }
            events.add(new Event(name, data.toString()));
        }
        return new SseEvents(events);
    }

    List<String> data() {
        return events.stream().map(Event::data).toList();
    }

    List<String> names() {
        return events.stream().map(Event::name).toList();
    }
}
