'use client';
import { useQuery } from '@tanstack/react-query';
import { ProvinceIndexTable } from '../components/overview/ProvinceIndexTable';
import { useTRPC } from '../components/trpc';

export default function HomePage() {
  const trpc = useTRPC();
  const nation = useQuery(trpc.catalogue.orgUnit.queryOptions({ code: 'VN' }));
  return (
    <main>
      <h1>Liên Thông — Trung tâm điều hành</h1>
      <p className="muted">Chỉ số phục vụ người dân, doanh nghiệp của 34 tỉnh, thành phố</p>
      {nation.data ? <ProvinceIndexTable nationId={nation.data.unit.id} /> : <p className="muted">Đang tải…</p>}
    </main>
  );
}
