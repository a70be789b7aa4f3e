'use client';
/** The file's way to the server: a bar while it uploads, then an indeterminate bar while the server works. */
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import type { UploadPhase } from './uploadFile';

export function UploadProgress({ phase, working }: { phase: UploadPhase; working: 'checking' | 'writing' }) {
  const { t, locale } = useLocale();
  if (phase.phase === 'uploading') {
    const percent = phase.total > 0 ? Math.min(100, (100 * phase.loaded) / phase.total) : 0;
    return (
      <div className="import-progress" data-testid="upload-progress">
        <progress max={100} value={percent} aria-label={t('importUploading')} />
        <span role="status">
          {t('importUploading')} {formatNumber(percent, 0, locale)} % ({formatNumber(phase.loaded / 1e6, 1, locale)}/{formatNumber(phase.total / 1e6, 1, locale)} MB)
        </span>
      </div>
    );
  }
  const label = working === 'checking' ? t('importChecking') : t('importWriting');
  return (
    <div className="import-progress" data-testid="upload-progress">
      {/* no value: the browser draws an indeterminate bar */}
      <progress aria-label={label} />
      <span role="status">{label}</span>
    </div>
  );
}
