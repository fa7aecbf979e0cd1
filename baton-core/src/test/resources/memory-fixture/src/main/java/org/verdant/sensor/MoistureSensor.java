package org.verdant.sensor;

/**
 * A capacitive soil moisture probe on one analog channel.
 */
public final class MoistureSensor {

    /** One reading: the channel, the raw value and the moisture in percent. */
    public record SensorReading(int channel, int raw, double percent) {
    }

    private final AnalogInput input;
    private int dryRaw = 3100;
    private int wetRaw = 1200;

    public MoistureSensor(AnalogInput input) {
        this.input = input;
    }

    /**
     * Reads the probe and converts the raw value to a percentage between the dry and wet points.
     */
    public SensorReading readPercent() {
        int raw = input.sample();
        double percent = 100.0 * (dryRaw - raw) / (dryRaw - wetRaw);
        return new SensorReading(input.channel(), raw, Math.max(0, Math.min(100, percent)));
    }

    /**
     * Calibration: store the raw value measured in dry air and in a glass of water.
     */
    public void calibrate(int dryValue, int wetValue) {
        if (dryValue <= wetValue) {
            throw new IllegalArgumentException("the dry value must be above the wet value");
        }
        this.dryRaw = dryValue;
        this.wetRaw = wetValue;
    }
}
