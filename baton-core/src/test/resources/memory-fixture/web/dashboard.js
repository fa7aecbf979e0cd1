// The browser dashboard served by the controller.

const API = '/api';

export function renderZoneCard(zone) {
  const card = document.createElement('div');
  card.className = 'zone-card';
  card.innerHTML = `<h3>${zone.name}</h3><p>${zone.moisture}% moist</p>`;
  return card;
}

export const formatLitres = (litres) => {
  if (litres >= 1000) return (litres / 1000).toFixed(1) + ' m³';
  return Math.round(litres) + ' L';
};

export class ChartPanel {
  constructor(canvas) {
    this.canvas = canvas;
  }

  drawHistogram(buckets) {
    const ctx = this.canvas.getContext('2d');
    const width = this.canvas.width / buckets.length;
    buckets.forEach((value, i) => {
      ctx.fillRect(i * width, this.canvas.height - value, width - 2, value);
    });
  }
}

async function refresh() {
  const response = await fetch(`${API}/zones`);
  return response.json();
}
