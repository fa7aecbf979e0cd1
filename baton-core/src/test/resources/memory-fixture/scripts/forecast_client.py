"""Client for the weather service the scheduler asks before each morning cycle."""

import json
import time
import urllib.request

BASE = "http://weather.invalid/v1"


def fetch_forecast(lat, lon, hours=24):
    """Download the hourly forecast for a latitude and longitude."""
    url = f"{BASE}/forecast?lat={lat}&lon={lon}&hours={hours}"
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def parse_precipitation(payload):
    """Return the highest chance of rain and the total millimetres in a forecast payload."""
    hours = payload.get("hourly", [])
    chance = max((h.get("pop", 0.0) for h in hours), default=0.0)
    millimetres = sum(h.get("rain_mm", 0.0) for h in hours)
    return chance, millimetres


class ForecastCache:
    """Keeps forecasts for an hour so a burst of zone checks makes one request."""

    def __init__(self, ttl_seconds=3600):
        self.ttl = ttl_seconds
        self.entries = {}

    def get(self, key):
        entry = self.entries.get(key)
        if entry is None or time.time() - entry[0] > self.ttl:
            return None
        return entry[1]

    def expire(self):
        """Drop every entry older than the time to live."""
        now = time.time()
        self.entries = {k: v for k, v in self.entries.items() if now - v[0] <= self.ttl}
