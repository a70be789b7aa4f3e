'use client';
/** The rows a file cannot land with: line, column and what is wrong, in the reader's language. */
import type { RowProblem } from '../../shared/errors';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';

export function ImportProblems({ problems, total }: { problems: readonly RowProblem[]; total: number }) {
  const { t, l, locale } = useLocale();
  if (problems.length === 0) return null;
  return (
    <div className="import-problems">
      <h3>{t('importProblemsTitle')}</h3>
      {total > problems.length ? (
        <p className="muted small">{t('importProblemsFirst', { shown: problems.length, total })}</p>
      ) : null}
      <div className="table-scroll tall">
        <table className="data import-problems-table" data-testid="import-problems">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('importLine')}
              </th>
              <th scope="col">{t('importColumn')}</th>
              <th scope="col">{t('importProblem')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={`${p.index}-${p.field}-${i}`}>
                {/* a file's problems name their line; else the data row after the header (line 1) */}
                <td className="num">{formatNumber(p.line ?? p.index + 2, 0, locale)}</td>
                <td>{p.field === 'row' ? t('importWholeRow') : <code>{p.field}</code>}</td>
                <td>{l(p.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
