import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppShell } from '../components/layout/AppShell';
import { Providers } from '../components/providers/Providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Liên Thông — Trung tâm điều hành chỉ số quốc gia',
  description: 'Bảng điều khiển chỉ số thời gian thực cho quản trị dựa trên dữ liệu',
};

// Rendered per request, so that the shell and pages read the URL (search params) on the server
// and the HTML holds the page: a Suspense boundary around the shell would stream every page into a
// hidden <div> that only JavaScript reveals, and the public open-data pages must read without it.
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="vi">
      <body>
        <Providers>
          <AppShell>{children}</AppShell>
        </Providers>
      </body>
    </html>
  );
}
