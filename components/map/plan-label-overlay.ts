/**
 * A venue plan's labels (plan-labels.ts) as page text over the canvas: zones' names in the reader's
 * language and script, figures in its numerals. Like the cities' names (city-name-overlay.ts) they follow
 * the frame deck.gl has just drawn, and where two would overlap the less important one is left out.
 */
import { placeLabels, type LabelBox, type PlanLabel } from './plan-labels';

type Project = (lngLat: [number, number]) => number[];

interface Shown {
  label: PlanLabel;
  element: HTMLDivElement;
  /** Its laid-out size in px, measured once per text and type size (reading it costs a layout). */
  size: { width: number; height: number } | null;
}

export class PlanLabelOverlay {
  readonly element: HTMLDivElement;
  private shown = new Map<string, Shown>();
  private order: string[] = [];
  private labels: readonly PlanLabel[] = [];
  private fontPx = 0;
  private viewport: { project: Project; width: number; height: number } | undefined;
  private placed = '';

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'map-plan-labels';
    // The zones table and each zone's page carry the same words for a screen reader.
    this.element.setAttribute('aria-hidden', 'true');
    this.element.hidden = true;
  }

  /** The labels to show (null: none, above the venue level), at this type size; writes only what changed. */
  show(labels: readonly PlanLabel[] | null, fontPx: number): void {
    const visible = labels !== null;
    if (this.element.hidden === visible) this.element.hidden = !visible;
    if (!labels || (labels === this.labels && fontPx === this.fontPx)) return;
    if (fontPx !== this.fontPx) {
      this.fontPx = fontPx;
      this.element.style.fontSize = `${fontPx.toFixed(1)}px`;
      for (const s of this.shown.values()) s.size = null;
    }
    this.labels = labels;
    const keep = new Set(labels.map((l) => l.id));
    for (const [id, s] of this.shown)
      if (!keep.has(id)) {
        s.element.remove();
        this.shown.delete(id);
      }
    for (const label of labels) {
      let s = this.shown.get(label.id);
      if (!s) {
        const element = document.createElement('div');
        element.className = `map-plan-label map-plan-label-${label.kind}`;
        // Until placed, not piled in the map's corner.
        element.style.visibility = 'hidden';
        this.element.append(element);
        s = { label, element, size: null };
        this.shown.set(label.id, s);
        this.write(s, label);
      } else if (s.label.lines.join('\n') !== label.lines.join('\n')) {
        this.write(s, label);
      }
      s.label = label;
    }
    this.order = labels.map((l) => l.id);
    this.placed = '';
    this.place();
  }

  private write(s: Shown, label: PlanLabel): void {
    s.element.replaceChildren(
      ...label.lines.map((line) => {
        const span = document.createElement('span');
        span.textContent = line;
        return span;
      }),
    );
    s.size = null;
  }

  /** Follows the main view: called after each frame deck.gl draws; labels move only when the camera has. */
  follow(viewport: { project: Project; width: number; height: number } | undefined): void {
    this.viewport = viewport;
    this.place();
  }

  private place(): void {
    const vp = this.viewport;
    if (!vp || this.element.hidden || this.order.length === 0) return;
    const centres = this.order.map((id) => {
      const [x, y] = vp.project(this.shown.get(id)!.label.at);
      return [Math.round(x! * 2) / 2, Math.round(y! * 2) / 2] as const;
    });
    const key = `${vp.width}x${vp.height}|${centres.join(';')}`;
    if (key === this.placed) return;
    this.placed = key;
    // Sizes first, all at once: one layout for every label whose text or type size changed.
    const all = this.order.map((id) => this.shown.get(id)!);
    for (const s of all) s.size ??= { width: s.element.offsetWidth, height: s.element.offsetHeight };
    const boxes: LabelBox[] = all.map((s, i) => ({ x: centres[i]![0], y: centres[i]![1], ...s.size! }));
    const fits = placeLabels(boxes, vp.width, vp.height);
    all.forEach((s, i) => {
      const [x, y] = centres[i]!;
      s.element.style.transform = `translate(${x}px, ${y}px) translate(-50%, -50%)`;
      s.element.style.visibility = fits[i] ? '' : 'hidden';
    });
  }
}
