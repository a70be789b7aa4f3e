/** Puts values into a message's `{name}` slots: fill('còn {n} ngày', { n: 3 }) → 'còn 3 ngày'. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => (name in values ? String(values[name]) : slot));
}
