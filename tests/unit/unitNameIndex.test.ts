import { describe, expect, it } from 'vitest';
import { unitNameIndex } from '../../shared/domain/unitNameIndex';
import { seedTree } from '../helpers/orgUnitFixtures';

const tree = seedTree();
const hanoi = tree.byCodeOrUndefined('01')!;
const index = unitNameIndex(tree.childrenOf(hanoi.id));

describe('unitNameIndex', () => {
  it('matches a name exactly in NFC or NFD, any case, with runs of spaces as one', () => {
    for (const name of ['Phường Mẫu 023', 'Phường Mẫu 023'.normalize('NFD'), '  PHƯỜNG   mẫu 023 ']) {
      expect(index.exact(name).map((u) => u.code)).toEqual(['X01023']);
    }
    expect(index.exact('Phuong Mau 023')).toEqual([]);
  });

  it('suggests the nearest names, without diacritics and within a few edits; none for short garbage', () => {
    expect(index.near('Phuong Mau 023').map((u) => u.code)[0]).toBe('X01023');
    expect(index.near('Phường Mẫu 23').map((u) => u.code)).toContain('X01023');
    expect(index.near('abc')).toEqual([]);
  });

  it('stops suggesting after 200 distinct texts, so a file of wrong codes is not slowed by them', () => {
    const fresh = unitNameIndex(tree.childrenOf(hanoi.id));
    for (let i = 0; i < 200; i++) fresh.near(`không có ${i}`);
    expect(fresh.near('Phuong Mau 023')).toEqual([]);
    // a text already looked up keeps its answer
    expect(fresh.near('không có 1')).toEqual(fresh.near('không có 1'));
  });
});
