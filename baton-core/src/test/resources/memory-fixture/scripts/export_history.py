"""Exports the sensor history kept on the controller."""

import csv
from collections import defaultdict


def export_csv(readings, path):
    """Write one row per sensor reading: timestamp, zone, moisture percent, litres."""
    with open(path, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["timestamp", "zone", "moisture", "litres"])
        for r in readings:
            writer.writerow([r.timestamp, r.zone, r.moisture, r.litres])


def summarize_week(readings):
    """Total litres of water used per zone over the last seven days."""
    totals = defaultdict(float)
    for r in readings:
        totals[r.zone] += r.litres
    return dict(totals)
