/**
 * A page's <title> and description in the viewer's language, for `generateMetadata` (server only).
 * The layout's template adds " — Liên Thông" to the title.
 */
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { MessageKey } from './messages';

export async function pageMetadata(title: MessageKey, description: MessageKey): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t(title), description: t(description) };
}
