/**
 * A sensor's last hour as a tiny line: per-minute means from the server, the live value
 * as the newest point. SVG, not a chart instance: a venue page draws hundreds.
 */
const W = 60;
const H = 16;

export function sparklinePath(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return '';
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  const span = hi - lo || 1;
  const step = W / Math.max(1, values.length - 1);
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      // A gap stays a gap: the sensor said nothing then.
      pen = false;
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (H - 1 - ((v - lo) / span) * (H - 2)).toFixed(1);
    d += `${pen ? 'L' : 'M'}${x} ${y}`;
    pen = true;
  });
  return d;
}

export function Sparkline({ values, live }: { values: readonly (number | null)[] | undefined; live: number | null }) {
  const series = values ? [...values.slice(1), live] : [];
  const d = sparklinePath(series);
  return (
    <svg className="sparkline" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden focusable="false">
      {d ? <path d={d} /> : null}
    </svg>
  );
}
