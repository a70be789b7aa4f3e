'use client';
/**
 * "Xuất tệp": the current view as CSV, XLSX, PNG (of its chart) or PDF, made on the server
 * (GET /api/export/<view>, server/http/exportRoute.ts) with the view's choices as parameters, so
 * the file holds what the page shows. A download shows its progress (rows announced by the
 * server, bytes read) and can be cancelled; `large` adds the view's big export (every commune ×
 * 24 months), CSV and XLSX only. Hidden on wall screens (kiosk).
 */
import { useRef, useState } from 'react';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import type { MessageKey } from '../i18n/messages';
import { useKiosk } from '../layout/useKiosk';
import { downloadExport, ExportDownloadError, exportUrl, type ExportFileFormat, type ExportProgress } from './downloadExport';
import styles from './ExportMenu.module.css';

type Params = Readonly<Record<string, string | null | undefined>>;

const FORMAT_LABELS: Record<ExportFileFormat, MessageKey> = { csv: 'exportCsv', xlsx: 'exportXlsx', png: 'exportPng', pdf: 'exportPdf' };

type State = { kind: 'idle' } | { kind: 'busy'; progress: ExportProgress | null } | { kind: 'done'; file: string } | { kind: 'failed'; reason: string } | { kind: 'signIn' } | { kind: 'cancelled' };

export function ExportMenu({ view, params, hasChart = true, large }: { view: string; params: Params; hasChart?: boolean; large?: { view: string; params: Params } }) {
  const { t, l, locale } = useLocale();
  const kiosk = useKiosk().on;
  const [state, setState] = useState<State>({ kind: 'idle' });
  const details = useRef<HTMLDetailsElement>(null);
  const abort = useRef<AbortController | null>(null);
  if (kiosk) return null;

  const start = (targetView: string, targetParams: Params, format: ExportFileFormat) => {
    if (details.current) details.current.open = false;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'busy', progress: null });
    downloadExport(exportUrl(targetView, targetParams, format, locale), (progress) => setState({ kind: 'busy', progress }), controller.signal).then(
      (file) => setState({ kind: 'done', file }),
      (err: unknown) => {
        if (controller.signal.aborted) return setState({ kind: 'cancelled' });
        if (err instanceof ExportDownloadError && err.status === 401) return setState({ kind: 'signIn' });
        setState({ kind: 'failed', reason: err instanceof ExportDownloadError && err.userMessage ? l(err.userMessage) : String(err) });
      },
    );
  };
  const busy = state.kind === 'busy';
  const formats: ExportFileFormat[] = hasChart ? ['csv', 'xlsx', 'png', 'pdf'] : ['csv', 'xlsx', 'pdf'];

  return (
    <div className={styles.wrap} data-testid={`export-${view}`}>
      <details className={styles.menu} ref={details}>
        <summary aria-label={t('exportMenuLabel')}>{t('exportMenu')}</summary>
        <ul className={styles.list}>
          {formats.map((f) => (
            <li key={f}>
              <button type="button" disabled={busy} onClick={() => start(view, params, f)} data-format={f}>
                {t(FORMAT_LABELS[f])}
              </button>
            </li>
          ))}
          {large ? (
            <>
              <li className={styles.group} aria-hidden="true">
                {t('exportLarge')}
              </li>
              {(['csv', 'xlsx'] as const).map((f) => (
                <li key={`large-${f}`}>
                  <button type="button" disabled={busy} onClick={() => start(large.view, large.params, f)} data-format={`large-${f}`}>
                    {t('exportLarge')}: {f.toUpperCase()}
                  </button>
                </li>
              ))}
            </>
          ) : null}
        </ul>
      </details>
      {state.kind === 'idle' ? null : (
        <div className={styles.status} role="status" data-testid="export-status" data-state={state.kind}>
          {state.kind === 'busy' ? (
            <>
              <progress max={1} {...(state.progress ? { value: state.progress.fraction } : {})} aria-label={t('exportPreparing')} />
              <span>
                {state.progress
                  ? t('exportProgress', { rows: formatNumber(state.progress.rows, 0, locale), percent: formatNumber(state.progress.fraction * 100, 0, locale) })
                  : t('exportPreparing')}
              </span>
              <button type="button" onClick={() => abort.current?.abort()}>
                {t('exportCancel')}
              </button>
            </>
          ) : state.kind === 'done' ? (
            <span>{t('exportDone', { file: state.file })}</span>
          ) : state.kind === 'signIn' ? (
            <span role="alert">
              <a href="/signin">{t('exportSignIn')}</a>
            </span>
          ) : state.kind === 'cancelled' ? (
            <span>{t('exportCancelled')}</span>
          ) : (
            <span role="alert">{t('exportFailed', { reason: state.reason })}</span>
          )}
        </div>
      )}
    </div>
  );
}
