'use client';
/**
 * /import: bulk upload of period reports. Choose a KPI set and download its template, choose the
 * filled file, check it (every row's problems listed, nothing written), then write it: every row
 * or none. The server does all the checking; this page shows what it says.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { ImportPreview, ImportResult } from '../../shared/domain/reportFileImport';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { APPROVER_ROLES, roleIn, StaffGate, STAFF_ROLES, type SignedInUser } from '../submit/StaffGate';
import { downloadProblems } from './downloadProblems';
import { ImportProblems } from './ImportProblems';
import { KpiSetPicker } from './KpiSetPicker';
import { kpiSetsFor } from './kpiSets';
import { UploadError, uploadFile, type UploadPhase } from './uploadFile';
import { UploadProgress } from './UploadProgress';

export function ImportPage() {
  const { t } = useLocale();
  return (
    <StaffGate roles={STAFF_ROLES} title={t('importTitle')} denied={t('importDenied')}>
      {(user) => <ImportWorkflow user={user} />}
    </StaffGate>
  );
}

function ImportWorkflow({ user }: { user: SignedInUser }) {
  const { t, l, locale } = useLocale();
  const queryClient = useQueryClient();
  const catalogue = useKpiCatalogue();
  const sets = useMemo(() => kpiSetsFor(catalogue.all, user.role), [catalogue.all, user.role]);
  const [setId, setSetId] = useState<string | null>(null);
  const selected = sets.find((s) => s.id === setId) ?? sets[0];
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<UploadPhase | null>(null);
  /** a new key empties the file input */
  const [inputKey, setInputKey] = useState(0);

  const preview = useMutation({
    mutationFn: (f: File) => uploadFile<ImportPreview>('/api/v1/imports/preview', f, setPhase),
    onSettled: () => setPhase(null),
  });
  const commit = useMutation({
    mutationFn: (f: File) => uploadFile<ImportResult>('/api/v1/imports/commit', f, setPhase),
    onSettled: () => setPhase(null),
    // New values reach every view: let the pages read again.
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const problemsFile = useMutation({ mutationFn: ({ f, format }: { f: File; format: 'csv' | 'xlsx' }) => downloadProblems(f, format) });
  const busy = preview.isPending || commit.isPending;
  const checked = preview.data && preview.variables === file ? preview.data : null;
  const canCommit = !!file && !!checked && checked.errorCount === 0 && !busy && !commit.isSuccess;

  const chooseFile = (f: File | null) => {
    setFile(f);
    preview.reset();
    commit.reset();
    problemsFile.reset();
  };
  const startOver = () => {
    chooseFile(null);
    setInputKey((k) => k + 1);
  };

  const failure = preview.error ?? commit.error ?? problemsFile.error;
  const failureRows = failure instanceof UploadError ? (failure.rows ?? []) : [];
  const failureMessage = failure instanceof UploadError ? (failure.status === 0 ? t('importNetworkError') : failure.userMessage ? l(failure.userMessage) : t('importFailed')) : failure ? t('importFailed') : null;
  const n = (v: number) => formatNumber(v, 0, locale);

  if (!catalogue.ready || !selected) {
    return (
      <main className="staff-page import-page">
        <h1>{t('importTitle')}</h1>
        <p className="muted">{t('loading')}</p>
      </main>
    );
  }

  return (
    <main className="staff-page import-page">
      <h1>{t('importTitle')}</h1>
      <p className="muted">{t('importIntro')}</p>

      <KpiSetPicker sets={sets} selected={selected} onSelect={setSetId} />

      <section className="panel import-step" aria-labelledby="import-step-file">
        <h2 id="import-step-file">{t('importStepFile')}</h2>
        <form
          className="import-file-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (file) preview.mutate(file);
          }}
        >
          <label className="import-file">
            {t('importFile')}
            <input
              key={inputKey}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={busy}
              onChange={(e) => chooseFile(e.target.files?.[0] ?? null)}
              data-testid="import-file"
            />
          </label>
          <button type="submit" className="primary" disabled={!file || busy} data-testid="import-check">
            {t('importCheck')}
          </button>
        </form>
        {file ? (
          <p className="small muted">
            {t('importSelectedFile')}: <strong>{file.name}</strong> ({formatNumber(file.size / 1e6, 2, locale)} MB)
          </p>
        ) : null}
        {phase ? <UploadProgress phase={phase} working={commit.isPending ? 'writing' : 'checking'} /> : null}
        {failureMessage ? (
          <div role="alert" className="import-failure">
            <p className="form-error">{failureMessage}</p>
            <ImportProblems problems={failureRows} total={failureRows.length} />
          </div>
        ) : null}
      </section>

      {checked && !commit.isSuccess ? (
        <section className="panel import-step" aria-labelledby="import-step-check" data-testid="import-preview">
          <h2 id="import-step-check">{t('importStepCheck')}</h2>
          <dl className="import-summary">
            <div>
              <dt>{t('importRows')}</dt>
              <dd>{n(checked.rows)}</dd>
            </div>
            <div>
              <dt>{t('importValidRows')}</dt>
              <dd className="import-good">{n(checked.valid)}</dd>
            </div>
            <div>
              <dt>{t('importErrorCount')}</dt>
              <dd className={checked.errorCount > 0 ? 'import-bad' : 'import-good'}>{n(checked.errorCount)}</dd>
            </div>
            <div>
              <dt>{t('importKpis')}</dt>
              <dd>{n(checked.kpis)}</dd>
            </div>
            <div>
              <dt>{t('importUnits')}</dt>
              <dd>{n(checked.units)}</dd>
            </div>
            <div>
              <dt>{t('importPeriods')}</dt>
              <dd>{n(checked.periods)}</dd>
            </div>
            <div>
              <dt>{t('importReplacing')}</dt>
              <dd>{n(checked.replacing)}</dd>
            </div>
          </dl>
          <ImportProblems problems={checked.errors} total={checked.errorCount} />
          {checked.errorCount > 0 && file ? (
            <p className="import-problems-download small">
              {problemsFile.isPending ? t('importProblemsDownloading') : t('importProblemsDownload')}{' '}
              {(['xlsx', 'csv'] as const).map((format) => (
                <button
                  key={format}
                  type="button"
                  disabled={problemsFile.isPending}
                  onClick={() => problemsFile.mutate({ f: file, format })}
                  data-testid={`import-problems-${format}`}
                >
                  {format.toUpperCase()}
                </button>
              ))}
            </p>
          ) : null}
          <div className="import-actions">
            <p className={checked.errorCount === 0 ? 'import-good' : 'muted'}>{checked.errorCount === 0 ? t('importReady') : t('importCommitBlocked')}</p>
            <button type="button" className="primary" disabled={!canCommit} onClick={() => file && commit.mutate(file)} data-testid="import-commit">
              {t('importCommit')}
            </button>
          </div>
        </section>
      ) : null}

      {commit.data ? (
        <section className="panel import-step import-done" role="status" data-testid="import-done">
          <h2>{t('importDoneTitle')}</h2>
          <p>{t('importDoneBody', { rows: commit.data.rows, inserted: commit.data.inserted, updated: commit.data.updated })}</p>
          <p className="muted small">
            {t('importDoneScope', { kpis: commit.data.kpis, units: commit.data.units, periods: commit.data.periods })}
          </p>
          <p className="import-done-links">
            <button type="button" onClick={startOver}>
              {t('importAnother')}
            </button>
            {roleIn(APPROVER_ROLES, user.role) ? <Link href="/approvals">{t('navApprovals')}</Link> : null}
          </p>
        </section>
      ) : null}
    </main>
  );
}
