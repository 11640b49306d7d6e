/** A model's point: its cost (lower is better) and quality (higher is better, or lower when told). */
export interface TradeOff {
  cost: number;
  quality: number;
}

/**
 * Which points are on the Pareto front: no other point costs no more and is no worse, and better
 * in one of the two. Points with an undefined cost or quality are never on it. A sweep in order
 * of cost keeps each point better than everything cheaper (equal points are all kept).
 */
export function paretoFront(points: readonly TradeOff[], higherIsBetter = true): boolean[] {
  const sign = higherIsBetter ? 1 : -1;
  const order = points
    .map((p, i) => ({ cost: p.cost, quality: sign * p.quality, i }))
    .filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.quality))
    .sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  const front = points.map(() => false);
  let bestCheaper = -Infinity;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end < order.length && order[end].cost === order[start].cost) end++;
    const top = order[start].quality;
    for (let k = start; k < end && order[k].quality === top; k++)
      front[order[k].i] = top > bestCheaper;
    bestCheaper = Math.max(bestCheaper, top);
    start = end;
  }
  return front;
}
