'use client';
import { useQuery } from '@tanstack/react-query';
import { BAND_LABELS } from '../../kpi-definitions/bands';
import { formatDate, formatNumber } from '../format';
import { useTRPC } from '../trpc';

/** The 34 provincial units ranked by the latest composite service index. */
export function ProvinceIndexTable({ nationId }: { nationId: number }) {
  const trpc = useTRPC();
  const ranking = useQuery(trpc.values.ranking.queryOptions({ kpiId: 'service_index', parentId: nationId }));
  if (ranking.isPending) return <p className="muted">Đang tải…</p>;
  if (ranking.isError) return <p role="alert">Không tải được dữ liệu: {ranking.error.message}</p>;
  return (
    <>
      <p className="muted">Kỳ gần nhất: {formatDate(ranking.data.period)}</p>
      <table className="data" aria-label="Chỉ số phục vụ theo tỉnh/thành phố">
        <thead>
          <tr>
            <th className="num">Hạng</th>
            <th>Mã</th>
            <th>Tỉnh/thành phố</th>
            <th className="num">Chỉ số phục vụ (điểm)</th>
            <th>Xếp loại</th>
          </tr>
        </thead>
        <tbody>
          {ranking.data.children.map((c) => (
            <tr key={c.code} data-province={c.code}>
              <td className="num">{c.rank ?? '—'}</td>
              <td>{c.code}</td>
              <td>{c.name}</td>
              <td className="num" data-testid={`index-${c.code}`}>
                {formatNumber(c.value, 1)}
              </td>
              <td>{c.band ? <span className={`band band-${c.band}`}>{BAND_LABELS[c.band].vi}</span> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
