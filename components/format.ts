/** Numbers and dates the way Vietnamese readers write them: 1.234,5 and 27/11/2026. */

export type Locale = 'vi' | 'en';

export { formatDate, formatDateTime, formatNumber } from '../shared/format';

