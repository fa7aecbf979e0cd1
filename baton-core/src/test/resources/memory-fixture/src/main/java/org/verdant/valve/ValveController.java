package org.verdant.valve;

import java.util.HashSet;
import java.util.Set;

/**
 * Drives the solenoid valves through the relay board, one relay per zone.
 */
public final class ValveController {

    private static final double LEAK_LITRES_PER_MINUTE = 0.5;
    private final RelayBoard relays;
    private final Set<String> open = new HashSet<>();

    public ValveController(RelayBoard relays) {
        this.relays = relays;
    }

    /** Energises the relay of a zone. */
    public void open(String zone) {
        relays.on(relays.channelOf(zone));
        open.add(zone);
    }

    /** De-energises the relay of a zone. */
    public void close(String zone) {
        relays.off(relays.channelOf(zone));
        open.remove(zone);
    }

    /**
     * Cuts power to every relay at once, used when the pressure guard trips or a pipe bursts.
     */
    public void emergencyShutoff() {
        relays.allOff();
        open.clear();
    }

    /**
     * Water flowing while every valve is closed means a leak somewhere in the pipes.
     */
    public boolean detectLeak(double flowRate) {
        return open.isEmpty() && flowRate > LEAK_LITRES_PER_MINUTE;
    }
}
