'use client';
/**
 * The time range of a trend, kept in the URL: `?range=7d|30d|12m|custom&from=YYYY-MM-DD&to=YYYY-MM-DD`
 * (dates are Vietnamese calendar days, `to` included). The window and its resolution come from
 * `rangeWindow`.
 */
import { useLocale } from '../i18n/LocaleProvider';
import { rangeWindow, type RangeId, type SeriesWindow } from './ranges';
import { localDay, RANGES, type RangeState } from './rangeState';

/**
 * Buttons for the preset ranges (the pressed one says so to screen readers) and, for a custom
 * range, two labelled date inputs. `window` is the range now shown, used to prefill the dates.
 */
export function RangePicker({ state, window, onChange }: { state: RangeState; window: SeriesWindow | null; onChange: (next: RangeState) => void }) {
  const { t } = useLocale();
  const choose = (range: RangeId) => {
    if (range !== 'custom') return onChange({ range });
    // Start the custom range from what is on screen, so switching changes nothing until edited.
    const shown = window ?? rangeWindow('30d', {});
    onChange({ range, from: state.from ?? localDay(shown.from), to: state.to ?? localDay(new Date(shown.to.getTime() - 1)) });
  };
  return (
    <div className="range-picker">
      <div className="segmented" role="group" aria-label={t('rangeLabel')}>
        {RANGES.map(([id, label]) => (
          <button key={id} type="button" aria-pressed={state.range === id} onClick={() => choose(id)} data-testid={`range-${id}`}>
            {t(label)}
          </button>
        ))}
      </div>
      {state.range === 'custom' ? (
        <div className="range-dates">
          <label>
            <span>{t('from')}</span>
            <input type="date" value={state.from ?? ''} max={state.to} onChange={(e) => onChange({ ...state, from: e.target.value || undefined })} data-testid="range-from" />
          </label>
          <label>
            <span>{t('to')}</span>
            <input type="date" value={state.to ?? ''} min={state.from} onChange={(e) => onChange({ ...state, to: e.target.value || undefined })} data-testid="range-to" />
          </label>
        </div>
      ) : null}
    </div>
  );
}
