/**
 * How the archipelagos' names are drawn on the map: two lines, the archipelago then the province it
 * belongs to, with an explicit line height — a label wrapped only by a width drew its second line,
 * the province's name, over the first. Each name sits on the side of its point with open sea and
 * room inside the map's box, also on a phone: Hoàng Sa's to the right; Trường Sa's to the left,
 * because its islands are the map's eastern edge and spread out below the label point.
 */

type LabelSide = 'right' | 'left';

/** by the code of the province the archipelago belongs to */
const LABEL_SIDE: Record<string, LabelSide> = { '48': 'right', '56': 'left' };

/** "Quần đảo Hoàng Sa (Đà Nẵng)" → "Quần đảo Hoàng Sa\n(Đà Nẵng)": the bracket starts the second line. */
export function islandLabelLines(name: string): string {
  return name.replace(' (', '\n(');
}

/** The scatter label of the archipelago of `provinceCode`; `fontSize` in px. */
export function islandLabelStyle(provinceCode: string, fontSize: number, color: string) {
  return {
    show: true,
    position: LABEL_SIDE[provinceCode] ?? 'right',
    fontSize,
    lineHeight: Math.round(fontSize * 1.3),
    color,
    formatter: (p: { name: string }) => islandLabelLines(p.name),
  };
}
