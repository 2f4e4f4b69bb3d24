import type { Level } from './level';

/** What the map's colours and shapes mean at this level. */
export function MapLegend({ level }: { level: Level }) {
  if (level.kind === 'city') {
    return (
      <ul className="legend" aria-label="Map legend">
        <li className="legend-ok">OK</li>
        <li className="legend-warning">Warning</li>
        <li className="legend-critical">Critical</li>
        <li className="legend-offline">Offline</li>
        <li className="legend-size">Size: people inside</li>
      </ul>
    );
  }
  return (
    <ul className="legend legend-plan" aria-label="Map legend">
      <li className="legend-los">
        Level of service{' '}
        {(['A', 'B', 'C', 'D', 'E', 'F'] as const).map((l) => (
          <span key={l} className={`los-swatch los-${l}`}>
            {l}
          </span>
        ))}
      </li>
      <li className="legend-in">In /min</li>
      <li className="legend-out">Out /min</li>
      <li className="legend-dot">Sensors by status</li>
    </ul>
  );
}
