/** The archipelagos' names on the map: two lines with room between them, on the side with open sea. */
import { describe, expect, it } from 'vitest';
import { islandLabelLines, islandLabelStyle } from '../../shared/map/islandLabelStyle';
import { ISLAND_LABELS } from '../../shared/map/islandLabels';

describe('island labels', () => {
  it('put the province on its own line under the archipelago', () => {
    expect(islandLabelLines('Quần đảo Hoàng Sa (Đà Nẵng)')).toBe('Quần đảo Hoàng Sa\n(Đà Nẵng)');
    expect(islandLabelLines('Quần đảo Trường Sa (Khánh Hòa)')).toBe('Quần đảo Trường Sa\n(Khánh Hòa)');
    for (const island of ISLAND_LABELS) {
      const style = islandLabelStyle(island.provinceCode, 12, '#000');
      expect(style.formatter({ name: island.name }).split('\n')).toHaveLength(2);
    }
  });

  it('set a line height taller than the font, so the two lines never draw over each other', () => {
    const style = islandLabelStyle('48', 14, '#000');
    expect(style.lineHeight).toBeGreaterThanOrEqual(14 * 1.2);
    expect(style).not.toHaveProperty('overflow');
  });

  it("place Trường Sa's name left of its point: its islands are the map's eastern edge, with no room to the right", () => {
    expect(islandLabelStyle('48', 12, '#000').position).toBe('right');
    expect(islandLabelStyle('56', 12, '#000').position).toBe('left');
  });
});
