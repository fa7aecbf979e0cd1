package org.verdant.schedule;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Decides when each irrigation zone runs next and for how long.
 */
public final class WateringScheduler {

    private static final LocalTime MORNING_START = LocalTime.of(5, 30);
    private final ZoneTable zones;

    public WateringScheduler(ZoneTable zones) {
        this.zones = zones;
    }

    /**
     * The next start time of a zone: the next morning window after now, unless the zone is paused.
     */
    public LocalDateTime nextRun(String zone, LocalDateTime now) {
        if (zones.paused(zone)) {
            return LocalDateTime.MAX;
        }
        LocalDateTime candidate = now.toLocalDate().atTime(MORNING_START);
        return candidate.isAfter(now) ? candidate : candidate.plusDays(1);
    }

    /**
     * Skips a cycle when the forecast says rain is likely: the soil will be soaked anyway.
     */
    public boolean skipIfRaining(Forecast forecast) {
        return forecast.precipitationChance() >= 0.6 || forecast.expectedMillimetres() > 4.0;
    }

    /**
     * How long to open the valve: proportional to the gap between the soil moisture now and the
     * target moisture, capped at forty minutes.
     */
    public Duration computeDuration(double soilMoisture, double targetMoisture) {
        double gap = Math.max(0, targetMoisture - soilMoisture);
        long minutes = Math.round(gap * 1.5);
        return Duration.ofMinutes(Math.min(minutes, 40));
    }
}
