import type { Metadata } from 'next';
import { Suspense, type ReactNode } from 'react';
import { AppShell } from '../components/layout/AppShell';
import { Providers } from '../components/providers/Providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Liên Thông — Trung tâm điều hành chỉ số quốc gia',
  description: 'Bảng điều khiển chỉ số thời gian thực cho quản trị dựa trên dữ liệu',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="vi">
      <body>
        <Providers>
          {/* The shell and pages read their state from the URL (search params). */}
          <Suspense fallback={null}>
            <AppShell>{children}</AppShell>
          </Suspense>
        </Providers>
      </body>
    </html>
  );
}
