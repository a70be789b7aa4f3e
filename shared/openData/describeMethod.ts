/**
 * How a KPI is computed and aggregated, in words a citizen reads, derived from its definition in
 * kpi-definitions/ (the same rules shared/domain/aggregate.ts applies), so the method published
 * beside the numbers cannot drift from the code that computes them.
 */
import type { KpiDefinition } from '../../kpi-definitions/schema';
import type { Bilingual } from './texts';

const LEVEL: Record<KpiDefinition['submittedAt'], Bilingual> = {
  province: { vi: 'tỉnh, thành phố', en: 'province' },
  commune: { vi: 'xã, phường, đặc khu', en: 'commune' },
};

export function describeMethod(kpi: KpiDefinition, definitionOf: (id: string) => KpiDefinition): Bilingual {
  const level = LEVEL[kpi.submittedAt];
  const m = kpi.measure;
  switch (m.kind) {
    case 'ratio': {
      const scale = m.scale === 100 ? { vi: ' × 100 (phần trăm)', en: ' × 100 (a percentage)' } : m.scale === 1 ? { vi: '', en: '' } : { vi: ` × ${m.scale}`, en: ` × ${m.scale}` };
      return {
        vi: `Mỗi ${level.vi} báo cáo «${m.numerator.label.vi}» (tử số) và «${m.denominator.label.vi}» (mẫu số). Giá trị = tổng tử số / tổng mẫu số${scale.vi}. Khi tổng hợp lên tỉnh và toàn quốc, cộng tử số và mẫu số của mọi đơn vị rồi mới chia — không lấy trung bình các tỷ lệ.`,
        en: `Each ${level.en} reports "${m.numerator.label.en}" (numerator) and "${m.denominator.label.en}" (denominator). Value = sum of numerators / sum of denominators${scale.en}. At province and national level the numerators and denominators of all units are summed first, then divided — never a mean of the ratios.`,
      };
    }
    case 'mean':
      return {
        vi: `Mỗi ${level.vi} báo cáo «${m.value.label.vi}» kèm «${m.weight.label.vi}» (trọng số). Giá trị = trung bình có trọng số: tổng (giá trị × trọng số) / tổng trọng số, ở mọi cấp.`,
        en: `Each ${level.en} reports "${m.value.label.en}" with "${m.weight.label.en}" (its weight). Value = weighted mean: sum(value × weight) / sum(weight), at every level.`,
      };
    case 'sum':
      return {
        vi: `Mỗi ${level.vi} báo cáo «${m.value.label.vi}». Giá trị = tổng của các đơn vị trong phạm vi và trong kỳ.`,
        en: `Each ${level.en} reports "${m.value.label.en}". Value = the sum over the units in scope and the period.`,
      };
    case 'composite': {
      const groups = (locale: 'vi' | 'en') =>
        m.groups.map((g) => `${g.name[locale]} (${g.weight}${locale === 'vi' ? ' điểm' : ' points'}: ${g.kpiIds.map((id) => definitionOf(id).name[locale]).join('; ')})`).join(' · ');
      return {
        vi: `Chỉ số tổng hợp, không báo cáo trực tiếp. Mỗi chỉ số thành phần được quy về thang 0–100 điểm theo mức tốt nhất và kém nhất của nó; điểm nhóm là trung bình điểm các chỉ số trong nhóm; chỉ số = trung bình có trọng số của các nhóm. Nhóm không có số liệu được bỏ qua và trọng số còn lại được chia lại. Các nhóm: ${groups('vi')}. Chỉ số thành phần báo cáo theo tháng hoặc quý dùng số liệu kỳ gần nhất đã có.`,
        en: `A composite index, never reported directly. Each component KPI is scored 0–100 between its best and worst values; a group's score is the mean of its KPIs' scores; the index is the weighted mean of the groups. A group without data is left out and the remaining weights renormalised. Groups: ${groups('en')}. Components reported monthly or quarterly use the latest period that has data.`,
      };
    }
  }
}
